"""The package's properties: who made the file (``docProps/app.xml``) and what it is (core).

A template carries the application that saved *it* ("Microsoft Macintosh Word", 1 page, 0
words); left in place, that would describe every exported paper wrongly. The extended
properties are rewritten to name lcplanner, with no page or word counts (Word and LibreOffice
recount when they save; a wrong count is worse than none).
"""
from __future__ import annotations

import getpass
from datetime import datetime, timezone
from importlib import metadata
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

APPLICATION = "lcplanner"
_APP_URI = "/docProps/app.xml"
_APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"


def app_version() -> str:
    """The version as Word's "XX.YYYY" (0.1.0 → "00.0100")."""
    try:
        version = metadata.version("lcplanner")
    except metadata.PackageNotFoundError:
        version = "0.0"
    numbers = [int(p) if p.isdigit() else 0 for p in version.split(".")[:3]] + [0, 0, 0]
    return f"{numbers[0]:02d}.{numbers[1] % 100:02d}{numbers[2] % 100:02d}"


#: Read once on import: writing a paper touches no file but the paper itself.
APP_VERSION = app_version()


def app_xml(company: str = "") -> bytes:
    company_xml = f"<Company>{escape(company)}</Company>" if company else ""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes">'
        f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
        f"<ScaleCrop>false</ScaleCrop>{company_xml}<LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        f"<AppVersion>{APP_VERSION}</AppVersion></Properties>").encode("utf-8")


def set_app_properties(document, company: str = "") -> None:
    """Replace (or add) the extended properties part so it names lcplanner, and drop the
    template's thumbnail (a picture of the template, not of this paper)."""
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(r_id)
    blob = app_xml(company)
    for part in package.iter_parts():
        if part.partname == _APP_URI:
            part._blob = blob
            return
    part = Part(PackURI(_APP_URI), _APP_TYPE, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def user_name() -> str:
    """The person exporting, when the plan names no organisation; "" if it cannot be told."""
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):
        return ""


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
