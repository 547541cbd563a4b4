#!/usr/bin/env python3
"""Dumps what the XLSX grid tests check of a workbook, as openpyxl (another program) reads it.

    dump_xlsx.py GRID.xlsx
prints one JSON object: the document properties, then every sheet in order with its state,
protection, frozen panes, print titles, page set-up, columns, cells (value and type, number
format, locked, bold, fill, wrap, comment) and data validations, a list's items resolved from
the sheet its formula names. Exit status 1 (openpyxl's message on stderr) when the file cannot
be read: a missing openpyxl fails the test that runs this.
"""
import datetime
import json
import re
import sys

import openpyxl
from openpyxl.utils import range_boundaries


def list_items(book, formula):
    if formula.startswith('"'):
        return formula[1:-1].split(",")
    m = re.fullmatch(r"'?([^'!]+)'?!(\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)", formula)
    if not m:
        return ["<unresolved " + formula + ">"]
    ws = book[m.group(1)]
    min_col, min_row, max_col, max_row = range_boundaries(m.group(2).replace("$", ""))
    return [ws.cell(row=r, column=c).value for r in range(min_row, max_row + 1)
            for c in range(min_col, max_col + 1)]


def value_of(cell):
    v = cell.value
    if v is None:
        return None, "empty"
    if isinstance(v, bool):
        return v, "bool"
    if isinstance(v, datetime.datetime):
        if v.time() == datetime.time(0):
            return v.date().isoformat(), "date"
        return v.isoformat(), "datetime"
    if isinstance(v, datetime.date):
        return v.isoformat(), "date"
    if isinstance(v, (int, float)):
        return v, "number"
    return v, "string"


def main():
    book = openpyxl.load_workbook(sys.argv[1])
    p = book.properties
    out = {
        "properties": {"title": p.title, "subject": p.subject, "creator": p.creator,
                       "created": p.created.isoformat() if p.created else None},
        "sheets": [],
    }
    for ws in book.worksheets:
        prot = ws.protection
        setup = ws.page_setup
        sheet = {
            "name": ws.title,
            "state": ws.sheet_state,
            "protected": bool(prot.sheet),
            "password": prot.password,
            # openpyxl's flags say what is forbidden (True) on a protected sheet
            "forbids": {k: bool(getattr(prot, k)) for k in (
                "selectLockedCells", "selectUnlockedCells", "formatCells", "formatColumns",
                "formatRows", "insertColumns", "insertRows", "deleteColumns", "deleteRows",
                "sort", "autoFilter")},
            "freeze": ws.freeze_panes,
            "print_title_rows": ws.print_title_rows,
            "paper": setup.paperSize,
            "orientation": setup.orientation,
            "fit_to_page": bool(ws.sheet_properties.pageSetUpPr
                                and ws.sheet_properties.pageSetUpPr.fitToPage),
            "fit_width": setup.fitToWidth,
            "fit_height": setup.fitToHeight,
            "footer": ws.oddFooter.left.text and (ws.oddFooter.left.text + "|" +
                                                 (ws.oddFooter.right.text or "")),
            "columns": {},
            "cells": {},
            "validations": [],
        }
        for letter, dim in sorted(ws.column_dimensions.items()):
            if dim.customWidth or dim.hidden:
                sheet["columns"][letter] = {"width": dim.width, "hidden": bool(dim.hidden)}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style and cell.comment is None:
                    continue
                value, kind = value_of(cell)
                fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
                sheet["cells"][cell.coordinate] = {
                    "value": value,
                    "type": kind,
                    "format": cell.number_format,
                    "locked": bool(cell.protection.locked),
                    "bold": bool(cell.font.b),
                    "size": cell.font.sz,
                    "fill": fill,
                    "wrap": bool(cell.alignment.wrap_text),
                    "border": cell.border.left.style,
                    "comment": cell.comment.text if cell.comment else None,
                }
        for dv in ws.data_validations.dataValidation:
            sheet["validations"].append({
                "ranges": str(dv.sqref),
                "type": dv.type,
                "error_style": dv.errorStyle,
                "show_error": bool(dv.showErrorMessage),
                "formula": dv.formula1,
                "items": list_items(book, dv.formula1) if dv.type == "list" else None,
            })
        out["sheets"].append(sheet)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
