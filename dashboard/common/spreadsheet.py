"""CSV files a visitor downloads and opens in a spreadsheet: a text cell that starts like a formula stays text.

Excel and LibreOffice run a cell starting with =, +, -, @, a tab or a carriage return as a formula, which can
fetch a web address or, in old versions, run a program (OWASP "CSV injection"). Such a text cell gets a single
quote in front, as OWASP advises. Number columns stay numbers, and a text cell that is only a number ("-3.2",
"+13%") is left alone: a spreadsheet reads it as that number, never as a formula. Lines end in CRLF (RFC 4180),
so a cell holding a carriage return is quoted: unquoted, Excel would start a new row there, and the text after
it would begin a cell of its own.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?")


def safe_cell(value: object) -> object:
    """The value, or for text that a spreadsheet would run as a formula, the text with a quote in front."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_csv(frame: pd.DataFrame) -> bytes:
    """The frame as the CSV every download button offers: UTF-8, no index, CRLF, formula-like text cells made inert."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            safe[column] = values.map(safe_cell)
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8")
