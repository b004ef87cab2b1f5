# JupyterLab settings for `make lab` (passed with --config; the browser test starts the lab the same way).
# Notebooks are saved without outputs: the first output of every notebook is the 0.9 MB chart library,
# which must never end up in a committed notebook.
from hzanalysis.display import strip_outputs_hook

c = get_config()  # noqa: F821 (provided by Jupyter when it loads this file)
c.ContentsManager.pre_save_hook = strip_outputs_hook
