#!/usr/bin/env python3
"""Workbooks for the .xlsx tests, written and read by openpyxl (Debian's python3-openpyxl): the real reader and
writer the tests trust. Usage: xlsx_tool.py COMMAND ARGS; see each function."""
import datetime, json, re, struct, sys, zipfile

import openpyxl
from openpyxl.styles import PatternFill


def sample(out):
    """A readiness sheet with every kind of cell: shared strings, numbers, booleans, a date serial, a date-time,
    percentages, a formula with its cached value, a blank row between rows, styled empty rows at the end, and
    Vietnamese labels (with and without diacritics) mixed with keys in the header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "readiness"
    ws.append(["Mã xã", "as_of", "Họp trực tuyến", "computers", "Chu ky so chuyen dung", "DIGITAL_CERTIFICATE",
               "Mạng truyền số liệu chuyên dùng", "portal_sync", "Ghi chú"])
    ws.append([4, datetime.date(2025, 9, 20), True, 0.95, "có", 0.8, 1, "=1", "đủ điều kiện"])
    ws["F2"].number_format = "0%"
    ws.append([])
    ws.append(["00008", datetime.datetime(2025, 9, 20, 16, 0), "không", 1, False, 1, "x", 0, None])
    ws["F4"].number_format = "0%"
    ws.append(["00025", "20/09/2025", 1, "100%", 1, 1, 1, 1, 'note, with comma "quote"'])
    for column in range(1, 10):
        ws.cell(row=20, column=column).fill = PatternFill("solid", fgColor="FFFF00")
    wb.save(out)
    cache_formula(out, "xl/worksheets/sheet1.xml", "1")
    share_strings(out, "xl/worksheets/sheet1.xml", rich={"đủ điều kiện": ["đủ ", "điều kiện"]})


def cache_formula(path, part, value):
    """Gives every formula of the part the cached value `value`, as Excel does when it saves (openpyxl does not
    compute formulas)."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == part:
                text = data.decode()
                text = re.sub(r"(<f>[^<]*</f>)(<v\s*/>|<v></v>)?", lambda m: m.group(1) + "<v>" + value + "</v>", text)
                data = text.encode()
            target.writestr(info, data)


def share_strings(path, part, rich):
    """Moves the sheet's inline strings into a shared strings table, as Excel saves them (openpyxl 3.0 writes
    inline strings); the texts in `rich` become rich text runs, with a phonetic run that readers must skip."""
    from xml.sax.saxutils import escape
    import html
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    strings = []

    def shared(match):
        text = html.unescape(match.group(2))
        strings.append(text)
        return match.group(1) + ' t="s"><v>' + str(len(strings) - 1) + "</v></c>"

    def item(text):
        if text in rich:
            runs = "".join('<r><t xml:space="preserve">' + escape(run) + "</t></r>" for run in rich[text])
            return "<si>" + runs + '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>'
        return "<si><t>" + escape(text) + "</t></si>"

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            text = data.decode()
            if info.filename == part:
                text = re.sub(r'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="inlineStr"><is><t>([^<]*)</t></is></c>', shared, text)
            elif info.filename == "[Content_Types].xml":
                text = text.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            elif info.filename == "xl/_rels/workbook.xml.rels":
                text = text.replace("</Relationships>", '<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/'
                                    'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
            target.writestr(info, text.encode())
        table = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
                 'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
                 + "".join(item(text) for text in strings) + "</sst>")
        target.writestr("xl/sharedStrings.xml", table.encode())


def inspect(path):
    """Prints what openpyxl sees in a template: sheet name, frozen pane, header, rows, the header's prompts and
    the list validations."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    rows = [[cell if cell is not None else "" for cell in row] for row in ws.iter_rows(values_only=True)]
    prompts, lists = {}, {}
    for validation in ws.data_validations.dataValidation:
        ranges = str(validation.sqref)
        if validation.type == "list":
            lists[ranges] = validation.formula1
        elif validation.prompt:
            prompts[ranges] = validation.prompt
    print(json.dumps({"sheets": wb.sheetnames, "freeze": ws.freeze_panes, "header": rows[0], "rows": rows[1:],
                      "prompts": prompts, "lists": lists, "bold": ws["A1"].font.b}, ensure_ascii=False, default=str))


def fill(path, out, values):
    """Opens a template, writes `values` (JSON: {"B2": "x", …}) into it and saves it as another workbook."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    for ref, value in json.loads(values).items():
        ws[ref] = value
    wb.save(out)


def table(out, rows):
    """A plain workbook with `rows` (JSON list of lists) on its first sheet."""
    wb = openpyxl.Workbook()
    for row in json.loads(rows):
        wb.active.append(row)
    wb.save(out)


def bomb(out):
    """A workbook whose sheet says it inflates to 3 GiB: its central directory declares that size."""
    sample(out)
    with open(out, "rb") as f:
        data = bytearray(f.read())
    name = b"xl/worksheets/sheet1.xml"
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        if at < 0:
            raise SystemExit("no central directory entry for the sheet")
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length] == name:
            struct.pack_into("<I", data, at + 24, 0xC0000000)
            break
        at += 4
    with open(out, "wb") as f:
        f.write(data)


def compound(out, encrypted):
    """The start of an OLE2 compound file, as an .xls or a password-protected .xlsx begins (the latter's
    directory names its EncryptedPackage stream)."""
    data = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    data += ("EncryptedPackage" if encrypted == "1" else "Workbook").encode("utf-16-le") + bytes(1024)
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"sample": sample, "inspect": inspect, "fill": fill, "table": table, "bomb": bomb, "compound": compound}[command](*args)
