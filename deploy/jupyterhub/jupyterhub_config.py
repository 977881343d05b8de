# A class on one server: JupyterHub settings for the Mali crisis lessons.
#
# The recipe in the README ("A school JupyterHub") explains each step; in short, as root:
#
#   git clone --depth 1 https://github.com/SCHOOL/mali-lessons /opt/mali-lessons
#   /usr/bin/python3 -m venv /opt/mali-lessons/.venv
#   /opt/mali-lessons/.venv/bin/pip install -e /opt/mali-lessons nbgitpuller jupyterhub
#   npm install -g configurable-http-proxy
#   install -d -o TEACHER -g TEACHER -m 3733 /srv/handin
#   /opt/mali-lessons/.venv/bin/jupyterhub -f /opt/mali-lessons/deploy/jupyterhub/jupyterhub_config.py
#
# Students open the lessons with an nbgitpuller link (each gets their own copy, updated
# whenever they click it again; their changes are kept):
#
#   https://HUB/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FSCHOOL%2Fmali-lessons
#       &branch=main&urlpath=lab%2Ftree%2Fmali-lessons%2Fnotebooks%2F00_start_here.ipynb
#
# and hand in with export_results() in a notebook; the teacher collects, in a terminal:
#
#   cd /opt/mali-lessons && .venv/bin/python -m mali_lessons collect /srv/handin --out ~/class_summary
#
# Everything below is JupyterHub's own: a Unix account per student (PAM logins), each
# student's server started as that account (LocalProcessSpawner), and a few environment
# variables for the lessons. tests/hub/test_jupyterhub.py runs this file on a test machine,
# changing only the ports, the logins (a test password) and the folders.

c = get_config()  # noqa: F821 - defined by JupyterHub when it reads this file

#: Where the lessons were cloned and installed (the folder of the commands above).
LESSONS = "/opt/mali-lessons"
#: The hand-in folder: owned by the teacher, mode 3733 (see mali_lessons/handin.py).
HANDIN = "/srv/handin"
#: The folder nbgitpuller makes in each student's home: the last part of the repository's
#: address, without ".git".
STUDENT_COPY = "mali-lessons"

# -- logins and servers: JupyterHub's defaults, written out ------------------------------------
# Students log in with their Unix account and password (create them with adduser; make each
# home private with chmod 700, so that no student can read another's saved answers).
c.JupyterHub.authenticator_class = "pam"
c.JupyterHub.spawner_class = "localprocess"
# Who may log in: the Unix accounts of the class (or use c.Authenticator.allowed_groups).
# c.Authenticator.allowed_users = {"amina", "moussa", "teacher"}
c.JupyterHub.bind_url = "http://:8000"  # put HTTPS in front (a reverse proxy), or set ssl_cert

# -- each student's server ---------------------------------------------------------------------
# The lessons' Python environment runs every student's JupyterLab and kernels.
c.Spawner.cmd = [f"{LESSONS}/.venv/bin/jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    # export_results() puts each student's results in the hand-in folder, named after the
    # login (MALI_LESSONS_STUDENT cannot change it), readable by the teacher only.
    "MALI_LESSONS_HANDIN": HANDIN,
    # The project's Jupyter settings: lesson notebooks are saved without outputs (so that
    # nbgitpuller can always update them), maps share one copy of their map library, no
    # news pop-up (jupyter_config/README.md).
    "JUPYTER_CONFIG_PATH": f"{LESSONS}/jupyter_config",
    # Which notebooks are lessons, for the setting above: the student's own copy
    # (~ is each student's home).
    "MALI_LESSONS_NOTEBOOKS": f"~/{STUDENT_COPY}/notebooks",
}
# Progress is saved in each student's home, ~/.mali_lessons/ (nothing to set). To keep it
# elsewhere, add "MALI_LESSONS_PROGRESS": "/some/folder/" above.
