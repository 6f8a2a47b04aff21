"""The website chat widget in a real browser (Debian's Chromium, Playwright), against the real
Rasa server over socket.io."""
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.integration.clock_moments import FRIDAY_EVENING
from tests.integration.screenshots import SHOTS

LOCAL_HOSTS = {"localhost", "127.0.0.1"}


def bot_messages(page):
    return page.locator("#ccas-chat-log .chat-bot")


def test_chat_converse_click_reload_and_book(servers, site, chromium):
    servers.set_clock(FRIDAY_EVENING)  # out of hours: said from the first message
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(urlsplit(request.url).hostname))
    page.goto(site.url)

    # Nothing is stored, no connection is made, before the person opens the chat.
    assert context.cookies() == []
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0
    expect(page.locator("#ccas-chat")).to_be_hidden()
    page.keyboard.press("Tab")  # the page's own link first, then the chat button
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Écrire à l'assistant")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Votre message")).to_be_focused()
    expect(bot_messages(page).first).to_contain_text("assistant automatique")
    expect(bot_messages(page).first).to_contain_text("Elles seront de retour lundi 30 novembre à 9 h")
    expect(page.locator("#ccas-chat .chat-note a")).to_have_attribute("href", "/confidentialite")

    page.get_by_label("Votre message").fill("j'ai deux mois de loyer en retard et j'ai peur")
    page.keyboard.press("Enter")
    # An open question about the rent first (no choices yet), then the choices.
    expect(bot_messages(page).last).to_contain_text("Depuis quand le loyer")
    page.get_by_label("Votre message").fill("depuis septembre, je n'arrive pas à rattraper")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Plutôt être rappelé·e")).to_be_visible()
    page.screenshot(path=str(SHOTS / "chat-bureau.png"))
    page.get_by_role("button", name="Plutôt être rappelé·e").click()
    first_slot = page.get_by_role("button", name="Lundi 30 novembre à 9 h")
    expect(first_slot).to_be_visible()

    page.reload()  # the conversation is still there, buttons included
    expect(page.locator("#ccas-chat")).to_be_visible()
    expect(page.locator("#ccas-chat-log")).to_contain_text("j'ai deux mois de loyer en retard")
    page.get_by_role("button", name="Lundi 30 novembre à 9 h").click()
    expect(bot_messages(page).last).to_contain_text("À quel numéro")
    for answer in ("06 12 34 56 78", "Sam", "oui"):
        page.get_by_label("Votre message").fill(answer)
        page.get_by_role("button", name="Envoyer").click()
    expect(page.locator("#ccas-chat-log")).to_contain_text(
        "une conseillère vous appellera lundi 30 novembre à 9 h, au 06 12 34 56 78, en demandant Sam")
    assert requested_hosts <= LOCAL_HOSTS, requested_hosts  # nothing from another host
    assert context.cookies() == []  # still no cookie: the tab's sessionStorage only
    context.close()


def test_chat_at_phone_width(servers, site, chromium):
    servers.set_clock(None)
    context = chromium.new_context(viewport={"width": 390, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site.url)
    page.get_by_role("button", name="Écrire à l'assistant").click()
    expect(bot_messages(page).first).to_contain_text("assistant automatique")
    box = page.locator("#ccas-chat").bounding_box()
    assert box["width"] >= 385 and box["height"] >= 700  # full screen on a phone
    page.get_by_label("Votre message").fill("bonjour, je ne m'en sors plus avec les factures, que faire ?")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("button", name="Oui, faisons le point")).to_be_visible()
    page.screenshot(path=str(SHOTS / "chat-telephone.png"))
    # A number in the assistant's words calls it from the phone: the emergency ones first.
    page.get_by_label("Votre message").fill("franchement j'ai envie d'en finir")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.locator('#ccas-chat-log .chat-bot a[href="tel:3114"]').last).to_be_visible()
    context.close()


def test_privacy_notice_is_short_and_says_what_matters(site, chromium):
    page = chromium.new_page()
    page.goto(f"{site.url}/confidentialite")
    text = page.locator("main").inner_text()
    for fact in ("2 ans", "secret professionnel", "effacer mes données", "Aucun cookie"):
        assert fact in text
    page.close()


def test_another_website_cannot_open_the_chat(servers):
    import socketio

    client = socketio.Client()
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(servers.rasa_url, headers={"Origin": "https://evil.example"}, transports=["websocket"])
