"""Package and pipeline versions; facts record the pipeline version that produced them."""

__version__ = "0.1.0"
# Bump the suffix whenever rules, lexicons or the gazetteer change what extraction outputs.
PIPELINE_VERSION = f"{__version__}+r1"
