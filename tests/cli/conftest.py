"""A fixed repository for output snapshots: the real data grows every day, this one does not.

Its agreements are the minimal valid case (``tests/cases/valid/minimal-2024.yaml``) given the
ids, titles, dates, places and instruments of six real UK agreements, plus the real UK–Japan
MoC for its stated term (so ``status`` has deadlines to show). Only what tables show is varied.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import CASES, real_data

#: (id, title, short title, other party code and name, signed, city, instrument)
FIXED = [
    ("australia-uk-2023", "Australia–UK Critical Minerals Statement of Intent", None, ("AU", "Australia"),
     "2023-04-04", "Perth", "joint-statement"),
    ("canada-uk-2023", "Canada–UK Critical Minerals Joint Statement of Intent", None, ("CA", "Canada"),
     "2023-03-06", "Toronto", "joint-statement"),
    ("kazakhstan-uk-2023",
     "Memorandum of Understanding between the United Kingdom and Kazakhstan on a strategic partnership "
     "in the field of critical minerals",
     "Kazakhstan–UK Memorandum of Understanding on a strategic partnership in the field of critical minerals",
     ("KZ", "Kazakhstan"), "2023-03-18", "Astana", "mou"),
    ("saudi-arabia-uk-2025", "Saudi Arabia–UK memorandum of understanding on a minerals cooperation partnership",
     None, ("SA", "Saudi Arabia"), "2025-01-14", "Riyadh", "mou"),
    ("uk-zambia-2023", "UK–Zambia memorandum of understanding on critical minerals", None, ("ZM", "Zambia"),
     "2023-08-03", None, "mou"),
]  # fmt: skip


def _write(folder: Path, data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    (folder / f"{data['id']}.yaml").write_text(text, "utf-8")


@pytest.fixture(scope="session")
def fixed_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six agreements, always the same: the repository of the output snapshots."""
    folder = tmp_path_factory.mktemp("fixed") / "agreements"
    folder.mkdir()
    base = yaml.safe_load((CASES / "valid" / "minimal-2024.yaml").read_text("utf-8"))
    for ident, title, short, (code, name), date, city, instrument in FIXED:
        data = copy.deepcopy(base)
        data.update(id=ident, title=title, instrument=instrument)
        if short:
            data["short_title"] = short
        data["parties"] = sorted([{"code": "GB", "name": "United Kingdom"}, {"code": code, "name": name}],
                                 key=lambda p: p["name"] if p["code"] != "GB" else "UK")  # fmt: skip
        data["signed"] = {
            "date": date,
            "place": {"city": city, "country": code} if city else {"country": code},
        }
        _write(folder, data)
    japan = real_data("uk-japan-2023")
    japan.update(
        title="UK–Japan Memorandum of Cooperation on Critical Minerals",
        short_title="UK–Japan Critical Minerals MoC",
    )
    _write(folder, japan)
    return folder
