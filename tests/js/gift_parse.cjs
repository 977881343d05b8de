#!/usr/bin/env node
// Parses a GIFT file with the npm package gift-pegjs and prints its questions as JSON.
//
//     node tests/js/gift_parse.cjs quiz.gift.txt
//
// Used by tests/test_lms_export.py to check that `python -m mali_lessons export --format gift`
// writes GIFT that a real GIFT parser reads, with the bank's answers. On a syntax error it
// prints the line, the column and the parser's message on stderr and exits with status 1.
"use strict";

const fs = require("fs");
const { parse } = require("gift-pegjs");

const file = process.argv[2];
if (!file) {
  console.error("usage: node gift_parse.cjs FILE");
  process.exit(2);
}
const text = fs.readFileSync(file, "utf8");
try {
  process.stdout.write(JSON.stringify(parse(text)));
} catch (error) {
  if (error.location) {
    const { line, column } = error.location.start;
    console.error(`${file}:${line}:${column}: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
