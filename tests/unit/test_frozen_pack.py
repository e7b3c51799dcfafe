"""engine/packaged_rules.json must be the default pack as it is now, parsed the same way."""
import os

from idm.engine.inputs.loader import load_file
from idm.engine.pack.rulepack import PARSED_PACK, default_pack_dir, freeze_pack, load_documents

HERE = os.path.dirname(__file__)


def test_the_frozen_pack_is_current():
    with open(os.path.join(HERE, "..", "..", "engine", PARSED_PACK), encoding="utf-8") as fh:
        assert fh.read() == freeze_pack(), "run: python tools/freeze_rules.py"


def test_frozen_documents_equal_freshly_parsed_ones():
    docs, problems = load_documents([default_pack_dir()])
    assert not problems and docs
    for doc in docs:
        fresh = load_file(os.path.join(default_pack_dir(), os.path.basename(doc.file)),
                          display=doc.file)
        assert doc.data == fresh.data
        assert doc.positions == fresh.positions


def test_a_changed_pack_file_is_parsed_again(tmp_path, monkeypatch):
    import shutil
    pack = tmp_path / "rules"
    shutil.copytree(default_pack_dir(), pack)
    text = (pack / "business.yaml").read_text("utf-8")
    assert "name: idm-default-business" in text
    (pack / "business.yaml").write_text(text.replace("name: idm-default-business",
                                                     "name: our-business"), "utf-8")
    monkeypatch.setattr("idm.engine.pack.rulepack.default_pack_dir", lambda: str(pack))
    docs, _ = load_documents([str(pack)])
    by_name = {os.path.basename(d.file): d for d in docs}
    assert by_name["business.yaml"].data["name"] == "our-business"
    assert by_name["legislation.yaml"].data["name"] == "idm-default-legislation"
