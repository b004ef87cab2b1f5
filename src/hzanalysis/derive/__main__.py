"""``python -m hzanalysis.derive build``: regenerate src/hzanalysis/derived/ (``make calibrate``)."""

from .build import main

if __name__ == "__main__":
    raise SystemExit(main())
