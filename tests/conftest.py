"""Test configuration shared by every test module."""

import os

# statsmodels fits on a 2-core machine run 10x slower when OpenBLAS starts a thread per core in every
# process (pytest plus notebook kernels); one thread each is faster. Set before numpy is imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
