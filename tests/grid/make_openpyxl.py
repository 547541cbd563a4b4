"""Writes the grids the reader's tests read, as openpyxl (Debian python3-openpyxl) writes them.

usage: make_openpyxl.py OUTDIR
  OUTDIR/openpyxl.xlsx  two sheets with accented names: inline strings, numbers, booleans, dates
                        with date formats, a formula without a cached value, an empty row
  OUTDIR/sheets.xlsx    five sheets (for the sheet limit)
  OUTDIR/mac1904.xlsx  a date of Excel's 1904 date system
  OUTDIR/big.xlsx       1,600 rows of 8 columns, as an audit grid of 1,600 criteria
"""
import datetime
import sys

import openpyxl

out = sys.argv[1]

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Évaluations"
ws["A1"] = "Critère"
ws["B1"] = 42
ws["C1"] = 2.5
ws["D1"] = True
ws["E1"] = False
ws["A2"] = datetime.date(2025, 3, 14)
ws["A2"].number_format = "yyyy-mm-dd"
ws["B2"] = datetime.datetime(2025, 3, 14, 12, 30)
ws["C2"] = 45000
ws["C2"].number_format = '"year" 0'  # y only inside quotes: not a date
ws["D2"] = "=B1*2"  # openpyxl stores no cached value
ws["E2"] = 7
ws["E2"].number_format = "[Red]0.00"
ws["A4"] = "après une ligne vide"
ws["C4"] = "L'audit « sur site »"
ws2 = wb.create_sheet("Mes données")
ws2["B3"] = "x"
ws2["AA10"] = -1.25
wb.save(f"{out}/openpyxl.xlsx")

wb = openpyxl.Workbook()
wb.active.title = "S1"
for i in range(2, 6):
    wb.create_sheet(f"S{i}")["A1"] = i
wb.save(f"{out}/sheets.xlsx")

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Évaluations"
for r in range(1, 1601):
    ws.append([f"C-{r}", f"Critère numéro {r}", "Exigence " * 5, "C", r * 1.5,
               datetime.date(2025, 1, 1) + datetime.timedelta(days=r % 365),
               "constat", r % 2 == 0])
    ws.cell(row=r, column=6).number_format = "yyyy-mm-dd"
wb.save(f"{out}/big.xlsx")

from openpyxl.utils.datetime import CALENDAR_MAC_1904

wb = openpyxl.Workbook()
wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws["A1"] = datetime.date(2025, 3, 14)
ws["A1"].number_format = "yyyy-mm-dd"
ws["B1"] = 5
wb.save(f"{out}/mac1904.xlsx")
