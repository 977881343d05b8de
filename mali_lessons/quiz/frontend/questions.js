// The answer controls of each question type, and the map of a map question (inline SVG).
// Part of the quiz front end (see quiz.js for the API). Every control is a real form control
// with a label: radio buttons and check boxes, text boxes, and selects that start on
// "— choose —".
//
//   buildControls(question, t, uid, onEnter) -> {node, read(), write(answer, shown),
//                                                shown(raw), disable(flag)}

const SVG = "http://www.w3.org/2000/svg";
const FOCUSABLE = new Set(["input", "select", "button", "summary", "a", "textarea"]);

/** A new element: el("p", {class: "x"}, "text", child...).
 * Every element that can take the focus is marked data-lm-suppress-shortcuts: Lumino (the
 * toolkit of JupyterLab and Notebook 7) looks for the mark on the focused element itself
 * before it matches a shortcut, so no key typed there runs a notebook shortcut, whether the
 * host listens for keys while they bubble (JupyterLab) or before (Notebook 7). */
export function el(tag, attributes = {}, ...children) {
  const node = tag.startsWith("svg:")
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  if (FOCUSABLE.has(tag) || "tabindex" in attributes) node.setAttribute("data-lm-suppress-shortcuts", "true");
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** Replace what `node` holds. */
export function fill(node, ...children) {
  node.replaceChildren(...children);
  return node;
}

function choices(q, uid, type) {
  const box = el("div", { class: "mq-options" });
  const inputs = q.options.map((option, i) => {
    const input = el("input", { type, name: `${uid}-answer`, id: `${uid}-o${i}`, value: String(option.value) });
    box.append(el("label", { class: "mq-option", for: `${uid}-o${i}` }, input, el("span", {}, option.label)));
    return input;
  });
  return { box, inputs };
}

function radios(q, uid) {
  const { box, inputs } = choices(q, uid, "radio");
  const valueOf = (text) => q.options.find((o) => String(o.value) === text)?.value ?? null;
  return {
    node: box,
    read: () => { const on = inputs.find((i) => i.checked); return on ? valueOf(on.value) : null; },
    write: (answer) => inputs.forEach((i) => { i.checked = i.value === String(answer); }),
    inputs,
  };
}

function checkboxes(q, uid) {
  const { box, inputs } = choices(q, uid, "checkbox");
  return {
    node: box,
    read: () => inputs.filter((i) => i.checked).map((i) => i.value),
    write: (answer) => inputs.forEach((i) => { i.checked = (answer || []).includes(i.value); }),
    inputs,
  };
}

function textBox(q, t, uid, onEnter) {
  const id = `${uid}-text`;
  const input = el("input", {
    type: "text", id, class: "mq-text", autocomplete: "off", spellcheck: "false",
    placeholder: q.placeholder, "aria-describedby": `${uid}-prompt`,
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); onEnter(); }
  });
  const row = el("div", { class: "mq-typed" },
    el("label", { for: id }, t(q.kind === "numeric" ? "numeric_label" : "date_label")), input);
  if (q.unit) row.append(el("span", { class: "mq-unit" }, t("unit_suffix", { unit: q.unit })));
  return {
    node: row,
    read: () => input.value,
    write: (answer, shown) => { input.value = shown ?? (answer === null ? "" : String(answer)); },
    shown: (raw) => raw,
    inputs: [input],
  };
}

function select(id, t, options, label) {
  const node = el("select", { id, class: "mq-select", "aria-label": label || null });
  node.append(el("option", { value: "" }, t("not_chosen")));
  for (const option of options) node.append(el("option", { value: option.value }, option.label));
  return node;
}

function matchRows(q, t, uid) {
  const grid = el("div", { class: "mq-pairs" });
  const selects = q.lefts.map((left, i) => {
    const id = `${uid}-m${i}`;
    const node = select(id, t, q.rights.map((r) => ({ value: r, label: r })));
    node.title = t("match_tooltip", { item: left });
    grid.append(el("label", { for: id, class: "mq-left" }, left), node);
    return node;
  });
  return {
    node: grid,
    read: () => Object.fromEntries(q.lefts.map((l, i) => [l, selects[i].value || null])),
    write: (answer) => selects.forEach((s, i) => { s.value = (answer || {})[q.lefts[i]] ?? ""; }),
    inputs: selects,
  };
}

function orderRows(q, t, uid) {
  const list = el("ol", { class: "mq-order" });
  const total = q.items.length;
  const selects = [];
  const buttons = [];
  const swap = (a, b) => {
    if (b < 0 || b >= total) return;
    [selects[a].value, selects[b].value] = [selects[b].value, selects[a].value];
  };
  q.items.forEach((_, i) => {
    const id = `${uid}-p${i}`;
    const number = i + 1;
    const node = select(id, t, q.items.map((item) => ({ value: item, label: item })));
    node.title = t("order_position_tooltip", { number, total });
    const up = el("button", { type: "button", class: "mq-move", "aria-label": t("order_move_up", { number }), title: t("order_move_up", { number }) }, "↑");
    const down = el("button", { type: "button", class: "mq-move", "aria-label": t("order_move_down", { number }), title: t("order_move_down", { number }) }, "↓");
    up.disabled = i === 0;
    down.disabled = i === total - 1;
    up.addEventListener("click", () => { swap(i, i - 1); buttons[i - 1]?.[0].focus(); });
    down.addEventListener("click", () => { swap(i, i + 1); buttons[i + 1]?.[1].focus(); });
    const row = el("li", { class: "mq-order-row", draggable: "true" },
      el("label", { for: id }, t("order_position", { number })), node, up, down);
    row.addEventListener("dragstart", (event) => {
      event.dataTransfer.setData("text/plain", String(i));
      event.dataTransfer.effectAllowed = "move";
    });
    row.addEventListener("dragover", (event) => event.preventDefault());
    row.addEventListener("drop", (event) => {
      event.preventDefault();
      if (node.disabled) return;
      const from = parseInt(event.dataTransfer.getData("text/plain"), 10);
      if (!Number.isNaN(from) && from !== i) swap(from, i);
    });
    list.append(row);
    selects.push(node);
    buttons.push([up, down]);
  });
  return {
    node: list,
    read: () => selects.map((s) => s.value || null),
    write: (answer) => selects.forEach((s, i) => { s.value = (answer || [])[i] ?? ""; }),
    inputs: [...selects, ...buttons.flat()],
    disable: (flag) => {
      selects.forEach((s) => { s.disabled = flag; });
      buttons.forEach(([up, down], i) => { up.disabled = flag || i === 0; down.disabled = flag || i === total - 1; });
      list.querySelectorAll("li").forEach((li) => li.setAttribute("draggable", flag ? "false" : "true"));
    },
  };
}

function mapDrawing(q, t, uid, pick) {
  const m = q.map;
  const svg = el("svg:svg", { viewBox: m.viewBox, class: "mq-map", role: "group", "aria-labelledby": `${uid}-maplabel` });
  svg.append(el("svg:title", { id: `${uid}-maplabel` }, m.label));
  const shapes = el("svg:g", { "aria-hidden": "true", focusable: "false" });
  for (const shape of m.shapes) shapes.append(el("svg:path", { d: shape.d, class: `mq-shape-${shape.kind}` }));
  svg.append(shapes);
  for (const marker of m.markers) {
    const name = t("map_marker", { number: marker.number });
    const g = el("svg:g", { class: "mq-marker", role: "img", "aria-label": name, transform: `translate(${marker.x} ${marker.y})` },
      el("svg:title", {}, name),
      el("svg:circle", { r: m.radius }),
      el("svg:text", { "text-anchor": "middle", dy: "0.35em", "aria-hidden": "true" }, String(marker.number)));
    g.addEventListener("click", () => pick(marker.value));
    svg.append(g);
  }
  const words = el("ol", { class: "mq-map-words" }, ...m.descriptions.map((d) => el("li", {}, d)));
  const details = el("details", { class: "mq-map-text" }, el("summary", {}, t("map_text_summary")), words);
  return el("div", { class: "mq-map-box" }, svg, details);
}

function mapChoice(q, t, uid) {
  const id = `${uid}-marker`;
  const node = select(id, t, q.map.markers.map((m) => ({ value: m.value, label: t("map_marker", { number: m.number }) })));
  node.title = t("map_tooltip");
  const pick = (value) => { if (!node.disabled) { node.value = value; node.focus(); } };
  const box = el("div", { class: "mq-map-question" }, mapDrawing(q, t, uid, pick),
    el("div", { class: "mq-typed" }, el("label", { for: id }, t("map_label")), node));
  return {
    node: box,
    read: () => node.value || null,
    write: (answer) => { node.value = answer ?? ""; },
    inputs: [node],
  };
}

/** The controls of one question (see the top of this file). */
export function buildControls(q, t, uid, onEnter) {
  let made;
  switch (q.kind) {
    case "single":
    case "truefalse":
      made = radios(q, uid);
      break;
    case "multi":
      made = checkboxes(q, uid);
      break;
    case "numeric":
    case "date":
      made = textBox(q, t, uid, onEnter);
      break;
    case "order":
      made = orderRows(q, t, uid);
      break;
    case "match":
      made = matchRows(q, t, uid);
      break;
    case "map":
      made = mapChoice(q, t, uid);
      break;
    default:
      throw new Error(`no controls for question kind ${q.kind}`);
  }
  return {
    node: made.node,
    read: made.read,
    write: made.write,
    shown: made.shown || (() => null),
    disable: made.disable || ((flag) => made.inputs.forEach((i) => { i.disabled = flag; })),
  };
}
