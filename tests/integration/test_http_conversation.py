"""The real Rasa server and action server, over HTTP, as a chat client uses them."""
import requests

from tests.integration.chat_checks import assert_clean, joined


def test_first_message_gets_the_welcome_then_an_open_question(chat):
    texts = chat.texts(chat.say("bonjour"))
    assert "assistant automatique" in texts[0]
    assert "gratuit" in texts[0] and "confidentiel" in texts[0] and "anonyme" in texts[0]
    assert "du lundi au vendredi" in texts[0]
    assert "Qu'est-ce qui vous amène" in texts[-1]
    assert_clean(chat)


def test_a_worry_is_reformulated_and_choices_are_offered(chat):
    chat.say("bonjour")
    replies = chat.say("j'ai deux mois de loyer en retard et l'électricité aussi, je sais plus quoi faire")
    texts = chat.texts(replies)
    # What was understood is said back first, then the reformulation.
    assert any("loyer" in t and "énergie" in t for t in texts)
    buttons = [b["payload"] for r in replies for b in r.get("buttons", [])]
    assert buttons == ["/request_snapshot", "/request_human", "/request_info"]
    texts = chat.texts(chat.say("/request_human"))
    assert any("Quand préférez-vous être appelé·e" in t for t in texts)  # the booking starts
    assert_clean(chat)


def test_crisis_as_first_message_gets_the_number_before_anything_but_the_welcome(chat):
    texts = chat.texts(chat.say("je n'en peux plus j'ai envie d'en finir"))
    assert "assistant automatique" in texts[0]
    assert "3114" in texts[1]
    assert_clean(chat)


def test_crisis_in_the_middle_of_a_flow_comes_first(chat):
    chat.say("j'ai des dettes partout")
    chat.say("/request_info")
    texts = chat.texts(chat.say("mon copain me frappe quand je parle des factures"))
    assert "3919" in texts[0]
    # The conversation goes on afterwards.
    texts = chat.texts(chat.say("c'est quoi le FSL"))
    assert "Fonds de solidarité" in joined(texts)
    assert_clean(chat)


def test_crisis_missed_by_the_classifier_is_caught_by_the_net(servers):
    # Worded unlike any training example, with money words that pull towards other intents.
    response = requests.post(
        f"{servers.rasa_url}/model/parse?token={servers.token}",
        json={"text": "avec le loyer et le découvert je crois que ce serait plus simple de mourir"},
        timeout=30,
    )
    assert response.json()["intent"]["name"] == "crisis"


def test_two_misunderstandings_in_a_row_offer_a_human(chat):
    chat.say("bonjour")
    first = joined(chat.texts(chat.say("zqxj wvkp")))
    assert "04 76 69 45 94" not in first
    second = chat.texts(chat.say("plmok ijnuhb"))
    assert "04 76 69 45 94" in joined(second)
    assert "rappel" in joined(second)
    assert_clean(chat)


def test_faq_answers_use_the_ccas_configuration(chat):
    chat.say("bonjour")
    texts = chat.texts(chat.say("quels sont vos horaires ?"))
    assert "du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h" in joined(texts)
    assert "04 76 69 45 94" in joined(texts)
    assert_clean(chat)


def test_goodbye_says_how_to_come_back(chat):
    chat.say("bonjour")
    texts = chat.texts(chat.say("merci au revoir"))
    assert "revenir" in joined(texts) and "04 76 69 45 94" in joined(texts)


def test_http_api_needs_the_token(servers):
    url = f"{servers.rasa_url}/model/parse"
    assert requests.post(url, json={"text": "bonjour"}, timeout=30).status_code == 401
    wrong = requests.post(f"{url}?token=nope", json={"text": "bonjour"}, timeout=30)
    assert wrong.status_code == 401
    right = requests.post(f"{url}?token={servers.token}", json={"text": "bonjour"}, timeout=30)
    assert right.status_code == 200
    assert right.json()["intent"]["name"] == "greet"


def test_odd_messages_get_a_kind_answer(chat):
    for message in ("😀😀😀", "????", "<script>alert(1)</script>"):
        texts = chat.texts(chat.say(message))
        assert texts, message
    assert_clean(chat)


def test_an_eviction_gets_its_concrete_help_at_once(chat):
    chat.say("bonjour")
    texts = chat.texts(chat.say("j'ai reçu un commandement de payer, on va être expulsés au printemps"))
    assert "0805 16 00 75" in joined(texts)
    assert_clean(chat)
