"""The shapes other tools rely on (README, "Ce que les tests peuvent lire"): the snapshot slot
and the handover JSON. Changing them must be a decision, written in the README too."""
import datetime as dt
import re

from rasa_sdk.executor import CollectingDispatcher

from actions.understanding import read_message
from bot.configuration.settings import ROOT
from bot.handovers.handover import Handover, to_json
from tests.unit.rasa_trackers import tracker

LINE_KEYS = {"status", "total", "approximate", "detail"}


def test_the_snapshot_slot_keeps_its_shape():
    message = "on est 2 adultes 1 enfant, je touche 1600, loyer 650, credit 120, 300 d'edf en retard"
    events = read_message(CollectingDispatcher(), tracker(message, "inform"))
    snapshot = next(e["value"] for e in events if e["name"] == "budget_snapshot")
    assert {"adults", "children", "income", "charges", "loans", "arrears", "left_to_live",
            "debt_ratio", "needs_help"} <= set(snapshot)
    assert (snapshot["adults"], snapshot["children"]) == (2, 1)
    for group, total in (("income", 1600), ("charges", 650), ("loans", 120), ("arrears", 300)):
        assert set(snapshot[group]) == LINE_KEYS and snapshot[group]["total"] == total
    assert snapshot["charges"]["detail"] == {"rent": 650}
    assert snapshot["arrears"]["detail"] == {"energy": 300}


def test_the_handover_json_keeps_its_fields_and_the_readme_lists_them():
    utc = dt.timezone.utc
    handover = Handover(id=1, status="booked", callback_at=dt.datetime(2026, 11, 23, 9, tzinfo=utc),
                        booked_at=dt.datetime(2026, 11, 22, 20, tzinfo=utc), channel="rest",
                        sender_id="s", pseudonym=None, phone="06 12 34 56 78", phone_e164="+33612345678",
                        consent=True)
    fields = set(to_json(handover))
    assert fields == {"id", "status", "callback_at", "booked_at", "channel", "sender_id", "pseudonym",
                      "phone", "phone_display", "consent_to_share_conversation", "referral", "social_worker",
                      "themes", "urgency_flags", "budget_snapshot", "callback_constraints", "last_message_at",
                      "transcript"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("handovers show ID --json` garde ses champs"):]
    section = section[:section.index("\n\n")]
    assert set(re.findall(r"`([a-z_]+)`", section)) >= fields
