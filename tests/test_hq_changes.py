# ruff: noqa: F811  (pytest fixtures imported from hqserver are parameters here)
"""The rules of each change kind (kiosk.hq.changes), enforced by head office on the way in
(API, storage, commands), and retracting a published change (API and command, with its
audit), on both backends."""

from __future__ import annotations

import json

import httpx
import pytest
from click.testing import CliRunner
from hqserver import hq_storage, live_hq, pg_server, pg_url  # noqa: F401  (fixtures)

from kiosk.cli import cli
from kiosk.hq import changes
from kiosk.hq.storage import ChangeIn, InvalidChange, StorageError
from kiosk.recommend.artefacts import BLEND

VALID = [
    ChangeIn("product", {"sku": "A", "name": "Mug", "description": "Blue\nand white",
                         "price": 2.5, "theme": "kitchen", "colours": ["blue"], "image": None,
                         "active": True}),
    ChangeIn("product", {"sku": "A", "price": None}),
    ChangeIn("stock", {"sku": "A", "quantity": 0, "location": "Aisle 4"}, "store-1"),
    ChangeIn("profile", {"first_name": "Ann", "loyalty_ref": "L1",
                         "consents": {"personalisation": True, "hq_offers": False},
                         "preferences": [{"key": "colour", "value": "blue"},
                                         {"key": "theme", "value": "garden",
                                          "source": "staff"}]}, "store-1", "c1"),
    ChangeIn("revocation", {}, None, "c1"),
    ChangeIn("revocation", {"reason": "lost"}, None, "c1"),
    ChangeIn("consent_withdrawn", {"purpose": "hq_offers"}, None, "c1"),
    ChangeIn("model", {"name": "goes_with", "version": "3", "content": "AAEC"}),
    ChangeIn("model", {"name": "recommenders", "version": "4", "run": [
        {"name": "goes_with", "blob": "AAEC", "parameters": {}, "metrics": {"n": 1}},
        {"name": BLEND, "blob": None, "parameters": {"goes_with": 1.0}}]}),
]

INVALID = [  # (change, the problem head office names)
    (ChangeIn("revocation", {}), "customer_id: required for a revocation"),
    (ChangeIn("consent_withdrawn", {"purpose": "hq_offers"}),
     "customer_id: required for a consent_withdrawn"),
    (ChangeIn("consent_withdrawn", {"purpose": "spying"}, None, "c1"),
     "data.purpose: must be one of personalisation, staff_profile, hq_offers"),
    (ChangeIn("consent_withdrawn", {}, None, "c1"), "data.purpose: required for a "
                                                    "consent_withdrawn"),
    (ChangeIn("profile", {"first_name": "Ann"}, "store-1"),
     "customer_id: required for a profile"),
    (ChangeIn("profile", {"first_name": "A" * 41}, None, "c1"),
     "data.first_name: must be text of 1-40 characters"),
    (ChangeIn("profile", {"consents": {"spying": True}}, None, "c1"), "data.consents: must map"),
    (ChangeIn("profile", {"consents": {"hq_offers": "yes"}}, None, "c1"),
     "data.consents: must map"),
    (ChangeIn("profile", {"preferences": [{"key": "colour"}]}, None, "c1"),
     "data.preferences.0.value: must be text"),
    (ChangeIn("profile", {"preferences": [{"key": "k", "value": "v", "source": "x"}]}, None,
              "c1"), "data.preferences.0.source: must be one of shopper, staff, inferred"),
    (ChangeIn("product", {"name": "Mug"}), "data.sku: required for a product"),
    (ChangeIn("product", {"sku": ""}), "data.sku: must be text of 1-128 characters"),
    (ChangeIn("product", {"sku": "A", "price": -1}), "data.price: must be a finite number "
                                                     "from 0 to 1,000,000 or null"),
    (ChangeIn("product", {"sku": "A", "price": 1e308}), "data.price: must be a finite"),
    (ChangeIn("product", {"sku": "A", "price": "2.50"}), "data.price: must be a finite"),
    (ChangeIn("product", {"sku": "A", "price": True}), "data.price: must be a finite"),
    (ChangeIn("product", {"sku": "A", "name": None}), "data.name: must be text"),
    (ChangeIn("product", {"sku": "A", "name": "Mug\x1b[31m"}),
     "data.name: must not contain control characters"),
    (ChangeIn("product", {"sku": "A", "colours": "blue"}), "data.colours: must be a list"),
    (ChangeIn("product", {"sku": "A", "active": 1}), "data.active: must be true or false"),
    (ChangeIn("product", {"sku": "A", "prize": 2}), "data.prize: unknown field for a product"),
    (ChangeIn("product", {"sku": "A"}, None, "c1"), "customer_id: not allowed for a product"),
    (ChangeIn("stock", {"sku": "A"}, "s1"), "data.quantity: required for a stock"),
    (ChangeIn("stock", {"sku": "A", "quantity": -1}, "s1"),
     "data.quantity: must be a whole number from 0 to 1,000,000,000"),
    (ChangeIn("stock", {"sku": "A", "quantity": 2.5}, "s1"), "data.quantity: must be a whole"),
    (ChangeIn("stock", {"sku": "A", "quantity": 10**20}, "s1"), "data.quantity: must be a whole"),
    (ChangeIn("stock", {"sku": "A", "quantity": None}, "s1"), "data.quantity: must be a whole"),
    (ChangeIn("stock", {"sku": "A", "quantity": 1, "location": 4}, "s1"),
     "data.location: must be text"),
    (ChangeIn("model", {"name": "m", "version": "1"}), "data: a model needs either 'run'"),
    (ChangeIn("model", {"name": "m", "version": 1, "content": "AA=="}),
     "data.version: must be text"),
    (ChangeIn("model", {"name": "m", "version": "1", "content": "not base64!"}),
     "data.content: must be base64"),
    (ChangeIn("model", {"name": "m", "version": "1", "run": [{"name": "x"}]}),
     "data.run: a training run needs its blend row"),
    (ChangeIn("model", {"name": "m", "version": "1", "run": [{"name": BLEND, "blob": "%%"}]}),
     "data.run.0.blob: must be base64 or null"),
    (ChangeIn("model", {"name": "m", "version": "1", "content": "AA==",
                        "meta": {"score": float("nan")}}),
     "data.meta.score: must be a finite number"),
    (ChangeIn("product", {"sku": "A"}, "s" * 129), "store_id: must be text of 1-128"),
    (ChangeIn("erasure", {}, None, "c1"), "kind: must be one of product, stock"),
    (ChangeIn("teleport", {}), "kind: must be one of product, stock"),
]


def test_the_blend_row_name_is_the_recommenders():
    assert changes.BLEND_ROW == BLEND


@pytest.mark.parametrize("change", VALID, ids=lambda c: c.kind)
def test_valid_changes_of_every_kind_pass(change):
    changes.check_changes([change])
    assert changes.problems(change.kind, change.data, store_id=change.store_id,
                            customer_id=change.customer_id, strict=False) == []


@pytest.mark.parametrize(("change", "problem"), INVALID, ids=lambda v: getattr(v, "kind", ""))
def test_each_rule_names_the_field_and_what_is_allowed(change, problem):
    with pytest.raises(InvalidChange) as refused:
        changes.check_changes([change])
    assert str(refused.value).startswith(f"changes.0.{problem}")
    assert "Mug\x1b" not in str(refused.value) and "c1" not in str(refused.value)


def test_a_kiosk_ignores_fields_and_customers_it_does_not_need():
    assert changes.problems("product", {"sku": "A", "from_the_future": 1}, customer_id="c1",
                            strict=False) == []
    # an erasure from a head office before digests named the id: still honoured
    assert changes.problems("erasure", {}, customer_id="c1", strict=False) == []
    assert changes.problems("erasure", {"digest": "ab"}, strict=False) == [
        "data.digest: required for an erasure: 64 lower-case hexadecimal digits"]
    assert changes.problems("product", ["sku"], strict=False) == ["data: must be an object"]


def test_storage_checks_every_change_and_stores_none_of_a_refused_list(hq_storage):
    with pytest.raises(InvalidChange, match=r"changes\.1\.customer_id: required"):
        hq_storage.publish([VALID[0], ChangeIn("revocation", {})])
    assert hq_storage.stats()["totals"]["changes"] == 0
    ids = hq_storage.publish(VALID)
    assert ids == sorted(ids) and len(ids) == len(VALID)


def test_api_answers_422_naming_each_bad_field(live_hq):
    operator = live_hq.storage.add_kiosk("ops", store_id="-", role="operator")
    answer = httpx.post(live_hq.url + "/v1/admin/changes",
                        headers={"Authorization": f"Bearer {operator}"},
                        json={"changes": [
                            {"kind": "stock", "store_id": "s1", "data": {"sku": "A",
                                                                         "quantity": -2}},
                            {"kind": "consent_withdrawn", "customer_id": "c9",
                             "data": {"purpose": "spam"}}]})
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert detail == ("invalid request: changes.0.data.quantity: must be a whole number "
                      "from 0 to 1,000,000,000; changes.1.data.purpose: must be one of "
                      "personalisation, staff_profile, hq_offers")
    assert "c9" not in detail and "spam" not in detail
    assert live_hq.storage.stats()["totals"]["changes"] == 0


def test_cli_publish_names_the_field_of_a_bad_change(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"changes": [{"kind": "revocation", "data": {}}]}))
    result = CliRunner().invoke(cli, ["hq", "publish", str(bad), "--database",
                                      str(tmp_path / "hq.db")])
    assert result.exit_code != 0
    assert "changes.0.customer_id: required for a revocation" in result.output


# -- retracting ---------------------------------------------------------------

def test_a_retracted_change_is_no_longer_served_and_cursors_skip_nothing(hq_storage):
    token = hq_storage.add_kiosk("k1", store_id="s1")
    kiosk = hq_storage.authenticate(token)
    first, second, third = hq_storage.publish([
        ChangeIn("product", {"sku": "A", "price": 2.0}),
        ChangeIn("product", {"sku": "B", "price": 9999.0}),  # the mistake
        ChangeIn("product", {"sku": "C", "price": 3.0})])
    seen = hq_storage.changes_for(kiosk, 0, 1)
    assert [c["id"] for c in seen["changes"]] == [first]
    done = hq_storage.retract(second, by="operator:ann")
    assert (done["id"], done["kind"], done["retracted_by"], done["already_retracted"]) == (
        second, "product", "operator:ann", False)
    rest = hq_storage.changes_for(kiosk, seen["cursor"], 10)
    assert [c["id"] for c in rest["changes"]] == [third] and rest["cursor"] == third
    (fourth,) = hq_storage.publish([ChangeIn("product", {"sku": "D"})])
    assert fourth > third  # ids keep growing: a cursor never passes an unseen change
    assert [c["id"] for c in hq_storage.changes_for(kiosk, 0, 10)["changes"]] == [
        first, third, fourth]
    again = hq_storage.retract(second, by="operator:bob")
    assert again["already_retracted"] and again["retracted_by"] == "operator:ann"
    assert hq_storage.retractions() == [{"id": second, "kind": "product",
                                         "retracted_by": "operator:ann", "at": done["at"]}]
    assert hq_storage.stats()["totals"]["changes_retracted"] == 1
    hq_storage.erase("c1")
    (erasure,) = [c["id"] for c in hq_storage.changes_for(kiosk, fourth, 10)["changes"]]
    with pytest.raises(StorageError, match="an erasure cannot be retracted"):
        hq_storage.retract(erasure, by="operator:ann")
    with pytest.raises(StorageError, match="no change #999"):
        hq_storage.retract(999, by="operator:ann")


def test_api_retract_is_for_operators_and_kept_for_the_audit(live_hq):
    kiosk_token = live_hq.storage.add_kiosk("k1", store_id="store-1")
    operator = live_hq.storage.add_kiosk("ops", store_id="-", role="operator")
    auth = {"Authorization": f"Bearer {operator}"}
    (change_id,) = live_hq.storage.publish([ChangeIn("product", {"sku": "A", "price": 1.0})])
    url = f"{live_hq.url}/v1/admin/changes/{change_id}/retract"
    assert httpx.post(url).status_code == 401
    assert httpx.post(url, headers={"Authorization": f"Bearer {kiosk_token}"}
                      ).status_code == 403
    answer = httpx.post(url, headers=auth)
    assert answer.status_code == 200, answer.text
    assert answer.json()["retracted_by"] == "operator:ops"
    assert not answer.json()["already_retracted"]
    assert httpx.post(url, headers=auth).json()["already_retracted"]
    assert httpx.post(f"{live_hq.url}/v1/admin/changes/424242/retract",
                      headers=auth).status_code == 404
    assert httpx.post(f"{live_hq.url}/v1/admin/changes/0/retract",
                      headers=auth).status_code == 422
    feed = httpx.get(live_hq.url + "/v1/changes",
                     headers={"Authorization": f"Bearer {kiosk_token}"}).json()
    assert feed["changes"] == []


def test_cli_retract_and_the_audit(tmp_path):
    database = str(tmp_path / "hq.db")
    changes_file = tmp_path / "changes.json"
    changes_file.write_text(json.dumps({"changes": [
        {"kind": "stock", "store_id": "s1", "data": {"sku": "A", "quantity": 2}}]}))
    runner = CliRunner()
    assert runner.invoke(cli, ["hq", "publish", str(changes_file), "--database", database]
                         ).exit_code == 0
    done = runner.invoke(cli, ["hq", "retract", "1", "--database", database])
    assert done.exit_code == 0 and "change #1 (stock) retracted" in done.output
    again = runner.invoke(cli, ["hq", "retract", "1", "--database", database])
    assert "was already retracted by cli:" in again.output
    missing = runner.invoke(cli, ["hq", "retract", "7", "--database", database])
    assert missing.exit_code != 0 and "there is no change #7" in missing.output
    audit = json.loads(runner.invoke(cli, ["hq", "retractions", "--json", "--database",
                                           database]).output)
    assert [(r["id"], r["kind"]) for r in audit] == [(1, "stock")]
    assert audit[0]["retracted_by"].startswith("cli:") and audit[0]["at"]
