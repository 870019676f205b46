"""Users' Word files are looked at within a memory bound before anything parses them."""
from __future__ import annotations

import zipfile

import pytest
from docx import Document

from lcplanner.importers.docx_guard import UnsafeDocumentError, check_docx


@pytest.fixture
def good_docx(tmp_path):
    path = tmp_path / "template.docx"
    doc = Document()
    doc.add_paragraph("A real template")
    doc.save(path)
    return path


def _rewrite(src, dst, replace=None, add=None):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if replace and item.filename in replace:
                data = replace[item.filename]
            zout.writestr(item, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)


def test_a_real_document_passes(good_docx):
    check_docx(good_docx)


def test_zip_bomb_is_refused(good_docx, tmp_path):
    bomb = tmp_path / "bomb.docx"
    _rewrite(good_docx, bomb, add={"word/media/huge.bin": b"\0" * (300 * 2**20)})
    with pytest.raises(UnsafeDocumentError, match="zip bomb"):
        check_docx(bomb)


def test_billion_laughs_is_refused(good_docx, tmp_path):
    evil = tmp_path / "laughs.docx"
    payload = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document>&lol2;</w:document>')
    _rewrite(good_docx, evil, replace={"word/document.xml": payload})
    with pytest.raises(UnsafeDocumentError, match="XML entities"):
        check_docx(evil)


def test_external_entity_is_refused(good_docx, tmp_path):
    evil = tmp_path / "xxe.docx"
    payload = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
               b'<w:styles>&e;</w:styles>')
    _rewrite(good_docx, evil, replace={"word/styles.xml": payload})
    with pytest.raises(UnsafeDocumentError, match="XML entities"):
        check_docx(evil)


@pytest.mark.parametrize("content, message", [
    (b"not a zip at all", "not a Word document"),
    (b"", "not a Word document"),
])
def test_non_documents_are_refused(tmp_path, content, message):
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(UnsafeDocumentError, match=message):
        check_docx(path)


def test_a_plain_zip_is_not_a_document(tmp_path):
    path = tmp_path / "photos.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("photo.jpg", b"jpeg")
    with pytest.raises(UnsafeDocumentError, match="not a Word document"):
        check_docx(path)


def test_docx_writer_refuses_a_hostile_template(good_docx, tmp_path, sample_store):
    from sqlalchemy import select

    from lcplanner.compose import compose
    from lcplanner.domain.model import Plan
    from lcplanner.writers.atomic import ExportError
    from lcplanner.writers.docx_writer import write_docx

    evil = tmp_path / "xxe.docx"
    payload = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
               b'<w:styles>&e;</w:styles>')
    _rewrite(good_docx, evil, replace={"word/styles.xml": payload})
    with sample_store.session() as session:
        doc = compose(session.scalars(select(Plan)).one(), "plan")
    target = tmp_path / "out.docx"
    with pytest.raises(ExportError, match="template cannot be used.*XML entities"):
        write_docx(doc, target, template=evil)
    assert not target.exists()


_STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"


def _rename_styles(src, dst, new_name: str, payload: bytes | None = None):
    """Move word/styles.xml to word/<new_name>, pointing the relationship and content type at
    it, as a package may: the name of a part says nothing about what it holds."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            name = item.filename
            if name == "word/styles.xml":
                name, data = f"word/{new_name}", payload if payload is not None else data
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(b'Target="styles.xml"', f'Target="{new_name}"'.encode())
            elif name == "[Content_Types].xml":
                data = data.replace(b"</Types>", (
                    f'<Override PartName="/word/{new_name}" ContentType="{_STYLES_TYPE}"/>'
                    "</Types>").encode())
            zout.writestr(name, data)


_XXE = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
        b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'&e;</w:styles>')


@pytest.mark.parametrize("part, payload", [
    ("styles.dat", _XXE),
    ("styles", b"\n  " + _XXE),
    ("styles.bin", b"\xff\xfe" + _XXE.decode().encode("utf-16-le")),
])
def test_entities_in_a_part_of_any_name_are_refused(good_docx, tmp_path, part, payload):
    evil = tmp_path / "renamed.docx"
    _rename_styles(good_docx, evil, part, payload)
    with pytest.raises(UnsafeDocumentError, match=f"XML entities in word/{part}"):
        check_docx(evil)


def test_a_renamed_harmless_part_and_binary_parts_pass(good_docx, tmp_path):
    fine = tmp_path / "renamed.docx"
    _rename_styles(good_docx, fine, "styles.dat")
    png = b"\x89PNG\r\n\x1a\n" + b"<!ENTITY in a binary part is only bytes" + bytes(range(256))
    _rewrite(fine, tmp_path / "with-image.docx", add={"word/media/image1.png": png})
    check_docx(tmp_path / "with-image.docx")


def test_export_with_a_renamed_hostile_part_writes_nothing(good_docx, tmp_path, sample_store):
    """Before, the guard passed it and the export wrote a .docx Word could not open."""
    from sqlalchemy import select

    from lcplanner.compose import compose
    from lcplanner.domain.model import Plan
    from lcplanner.writers.atomic import ExportError
    from lcplanner.writers.docx_writer import write_docx

    evil = tmp_path / "renamed.docx"
    _rename_styles(good_docx, evil, "styles.dat", _XXE)
    with sample_store.session() as session:
        doc = compose(session.scalars(select(Plan)).one(), "plan")
    target = tmp_path / "out.docx"
    with pytest.raises(ExportError, match="template cannot be used.*XML entities in "
                                          "word/styles.dat"):
        write_docx(doc, target, template=evil)
    assert not target.exists()
    assert not [p.name for p in tmp_path.iterdir() if ".lcplanner-" in p.name]
