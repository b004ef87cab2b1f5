"""Build time: fit and validate on the panels in ``../shared/data`` and write ``src/hzanalysis/derived/``.

``python -m hzanalysis.derive build`` (``make calibrate``) regenerates every derived file, byte for byte
(:mod:`.build`). One module per file it writes: :mod:`.calibration` (the forecast spread),
:mod:`.reference_classes` (the outside view's classes), :mod:`.validation` (leave one panel out),
:mod:`.persistence` (how far trends carry, with :mod:`.populations` and :mod:`.population_validation`) and
:mod:`.plausibility` (the data checks' bounds); :mod:`.panel_files` reads the build inputs.

Nothing outside this package imports it (a test checks): at run time the package reads only the shipped
JSON files, so a report never needs the panels, and a change here cannot change a report until the derived
files are rebuilt and committed. The package stays importless so that a benchmark importing one module
does not load the others.
"""
