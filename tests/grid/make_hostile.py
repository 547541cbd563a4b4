"""Writes hostile spreadsheets for the reader's tests (standard library only).

usage: make_hostile.py SOURCE.xlsx OUTDIR
SOURCE.xlsx is a plain workbook (from make_openpyxl.py) whose members the variants start from.
Each variant is written by hand, so that its zip fields may lie.
"""
import struct
import sys
import zipfile
import zlib

src, out = sys.argv[1], sys.argv[2]
base = zipfile.ZipFile(src)
members = [(n, base.read(n)) for n in base.namelist()]


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def write_zip(path, entries):
    """entries: (name, data) or (name, compressed, crc, declared_size, method)."""
    body, directory = b"", b""
    for e in entries:
        if len(e) == 2:
            name, data = e
            comp, crc, size, method = deflate(data), zlib.crc32(data), len(data), 8
        else:
            name, comp, crc, size, method = e
        name = name.encode()
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc, len(comp), size,
                            len(name), 0)
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc,
                                 len(comp), size, len(name), 0, 0, 0, 0, 0, len(body)) + name
        body += local + name + comp
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory),
                      len(body), 0)
    with open(path, "wb") as f:
        f.write(body + directory + end)


def replaced(name, data):
    return [(n, data if n == name else d) for n, d in members]


def added(name, data, content_type=None):
    result = list(members) + [(name, data)]
    if content_type:
        result = [(n, d.replace(b"</Types>", content_type + b"</Types>")
                   if n == "[Content_Types].xml" else d) for n, d in result]
    return result


sheet = dict(members)["xl/worksheets/sheet1.xml"]

# Not a spreadsheet: text; a zip of something else; an OLE compound file, encrypted or not.
open(f"{out}/text.xlsx", "wb").write(b"Crit\xc3\xa8re;Note\nC-1;C\n")
write_zip(f"{out}/other.zip", [("readme.txt", b"hello")])
ole = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)
open(f"{out}/encrypted.xlsx", "wb").write(ole + "EncryptedPackage".encode("utf-16-le") + bytes(64))
open(f"{out}/old.xls", "wb").write(ole + "Workbook".encode("utf-16-le") + bytes(64))
# Truncated: the first half of a good file.
good = open(src, "rb").read()
open(f"{out}/truncated.xlsx", "wb").write(good[: len(good) // 2])

# A zip bomb by its declared sizes: 300 MB of zeros in about 300 KB.
zeros = bytes(300 << 20)
comp = deflate(zeros)
write_zip(f"{out}/bomb.xlsx", members + [("xl/media/zeros.bin", comp, zlib.crc32(zeros), len(zeros), 8)])
# 100 MB of zeros: under the expanded limit, but beyond any spreadsheet's compression ratio.
zeros = bytes(100 << 20)
comp = deflate(zeros)
write_zip(f"{out}/ratio.xlsx", members + [("xl/media/zeros.bin", comp, zlib.crc32(zeros), len(zeros), 8)])
# A lying member: declares 1,000 bytes and a plausible ratio, expands to 100 MB.
write_zip(f"{out}/lying.xlsx", members + [("xl/media/zeros.bin", comp, zlib.crc32(zeros), 1000, 8)])
# The sheet declared shorter than it is: liborcus would read it cut.
lie = [(n, deflate(d), zlib.crc32(d), len(d) // 2, 8) if n == "xl/worksheets/sheet1.xml" else (n, d)
       for n, d in members]
write_zip(f"{out}/short.xlsx", lie)
# A wrong CRC.
bad = [(n, deflate(d), zlib.crc32(d) ^ 1, len(d), 8) if n == "xl/worksheets/sheet1.xml" else (n, d)
       for n, d in members]
write_zip(f"{out}/crc.xlsx", bad)

# Macros: a vbaProject part with the macro-enabled content type, or the part alone.
write_zip(f"{out}/macro.xlsm", added(
    "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really",
    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'))
write_zip(f"{out}/vba.xlsx", added("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really"))
# A link to another workbook.
write_zip(f"{out}/external.xlsx", added(
    "xl/externalLinks/externalLink1.xml",
    b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'))
# Entity expansion ("billion laughs") in the sheet.
laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b"]>" + sheet.split(b"?>", 1)[-1].replace(b"<v>42</v>", b"<v>&lol9;</v>"))
write_zip(f"{out}/laughs.xlsx", replaced("xl/worksheets/sheet1.xml", laughs))

# A huge sheet: 3,000,000 cells in a small archive, and a cell beyond the last column.
rows = b"".join(b'<row r="%d">' % r + b"".join(b'<c r="%s%d"><v>1</v></c>' % (c, r)
                                                for c in (b"A", b"B", b"C")) + b"</row>"
                for r in range(1, 1_000_001))
huge = sheet.split(b"<sheetData>")[0] + b"<sheetData>" + rows + b"</sheetData></worksheet>"
write_zip(f"{out}/huge.xlsx", replaced("xl/worksheets/sheet1.xml", huge))
far = sheet.replace(b'r="B1"', b'r="XFE1"')
write_zip(f"{out}/far.xlsx", replaced("xl/worksheets/sheet1.xml", far))

# .ods by hand: a repeated row holding values, boolean cells (liborcus 0.17 reads the first once
# and drops the second: the reader rewrites both), and 16,384,000 cells in a few hundred bytes.
ODS_HEAD = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            '<office:body><office:spreadsheet><table:table table:name="S">')
ODS_TAIL = '</table:table></office:spreadsheet></office:body></office:document-content>'


def write_ods(path, rows):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", ODS_HEAD + rows + ODS_TAIL, zipfile.ZIP_DEFLATED)


write_ods(f"{out}/repeated.ods",
          '<table:table-row table:number-rows-repeated="3">'
          '<table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell>'
          '<table:table-cell office:value-type="boolean" office:boolean-value="true">'
          '<text:p>VRAI</text:p></table:table-cell></table:table-row>'
          '<table:table-row table:number-rows-repeated="2"><table:table-cell '
          'table:number-columns-repeated="5"/></table:table-row>'
          '<table:table-row><table:table-cell office:value-type="string"><text:p>b</text:p>'
          '</table:table-cell><table:table-cell office:value-type="boolean" '
          'office:boolean-value="false"/></table:table-row>')
write_ods(f"{out}/huge.ods",
          '<table:table-row table:number-rows-repeated="1000"><table:table-cell '
          'office:value-type="float" office:value="1" table:number-columns-repeated="16384"/>'
          '</table:table-row>')
