"""Parsing and analytics for Chinese commentary on DeepSeek, China's AI and AGI.

Pure functions, one step per module, importable without Streamlit. The command-line
contract (`python -m analysis parse|stance|report`) is defined in SPEC.md.
"""

__version__ = "0.1.0"
