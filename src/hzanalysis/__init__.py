"""hzanalysis: is each 2025 target of the Haizhou District S&T innovation action plan met?"""

__version__ = "0.1.0"
