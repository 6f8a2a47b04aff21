"""The counsellors' app in a real browser: Debian's Chromium driven by Playwright."""
from playwright.sync_api import expect

from tests.integration.callbacks_booked import a_handover
from tests.integration.conftest import PASSWORD
from tests.integration.screenshots import SHOTS


def test_a_counsellor_reviews_and_follows_up_a_handover(servers, web, chromium):
    chat, booking = a_handover(servers, opening="bonjour, GEG m'a dit de vous écrire, on va me couper le gaz",
                               name="Nadia")
    SHOTS.mkdir(parents=True, exist_ok=True)  # the clock stays at the conversation's time
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{web.url}/")
    expect(page).to_have_url(f"{web.url}/connexion")
    page.get_by_label("Identifiant").fill("claire")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{web.url}/")
    link = page.locator(f'a[href="/rappels/{booking.id}"]')
    expect(link).to_be_visible()
    row = page.locator("tr", has=link)
    expect(row).to_contain_text("Nadia")
    expect(row).to_contain_text("Urgent")
    page.screenshot(path=str(SHOTS / "liste.png"), full_page=True)
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()  # keyboard users can jump to the content

    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Rappel n° {booking.id} : Nadia")
    expect(page.locator(".summary")).to_contain_text("06 12 34 56 78")
    expect(page.locator(".summary")).to_contain_text("GEG")
    expect(page.locator(".transcript")).to_contain_text("on va me couper le gaz")
    page.screenshot(path=str(SHOTS / "dossier.png"), full_page=True)
    page.set_viewport_size({"width": 800, "height": 1100})  # a tablet held upright
    page.screenshot(path=str(SHOTS / "dossier-tablette.png"))
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("Pas de réponse, à rappeler").check()
    page.get_by_label("Note (facultative)").fill("Messagerie, rappeler à 14 h")
    page.get_by_role("button", name="Enregistrer le statut").click()
    expect(page.get_by_role("status")).to_contain_text("Le statut a été changé")
    expect(page.locator(".summary")).to_contain_text("Pas de réponse, à rappeler")
    page.get_by_label("Ajouter une note").fill("Dossier FSL à préparer avec elle")
    page.get_by_role("button", name="Ajouter la note").click()
    expect(page.locator(".notes")).to_contain_text("Dossier FSL à préparer avec elle")
    expect(page.locator(".notes")).to_contain_text("Messagerie, rappeler à 14 h")

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(f"{web.url}/connexion")
    page.goto(f"{web.url}/rappels/{booking.id}")
    expect(page).to_have_url(f"{web.url}/connexion")  # signed out means out
    page.close()
