"""The counsellors' app in a real browser: Debian's Chromium driven by Playwright."""
from playwright.sync_api import expect

from tests.integration.callbacks_booked import a_handover
from tests.integration.conftest import PASSWORD
from tests.integration.screenshots import SHOTS


def test_a_counsellor_reviews_and_follows_up_a_handover(servers, web, chromium):
    opening = "bonjour, GEG m'a dit de vous écrire, on va me couper le gaz. je touche 1300 par mois " \
              "et mon loyer c'est 650"
    chat, booking = a_handover(servers, opening=opening, name="Nadia")
    thanked = chat.say("non personne")  # to the social worker question, asked after the booking
    assert "Merci, je le note pour la conseillère." in chat.texts(thanked)
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
    expect(page.locator(".summary")).to_contain_text("pas de travailleur social")
    expect(page.locator(".transcript")).to_contain_text("on va me couper le gaz")
    # The number calls from the page; the budget as a picture, named, with its words beside it.
    expect(page.locator('.summary a[href="tel:+33612345678"]')).to_have_text("06 12 34 56 78")
    picture = page.get_by_role("img", name="Le budget déclaré, en un coup d'œil")
    expect(picture).to_be_visible()
    expect(picture.locator("desc")).to_contain_text("Ce qui entre : 1\u202f300 € par mois")
    expect(picture.locator("rect")).to_have_count(3)  # in, charges, left: the rest was not given
    expect(page.locator("table.budget")).to_contain_text("650")
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

    # The service's activity: the conversation above is counted, with no personal data.
    page.get_by_role("link", name="Activité du service").click()
    activity = page.get_by_role("img", name="Conversations et rappels, par période")
    expect(activity).to_be_visible()
    expect(page.get_by_role("img", name="Qui a orienté les personnes vers le service")).to_be_visible()
    expect(page.locator("table.figures", has_text="Qui a orienté")).to_contain_text("GEG")
    expect(page.locator("table.figures", has_text="Situations urgentes")).to_contain_text("coupure d'énergie")
    expect(page.locator("main")).not_to_contain_text("Nadia")
    page.screenshot(path=str(SHOTS / "activite.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger en CSV (tableur)").click()
    assert download.value.suggested_filename.startswith("activite-semaines-")

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(f"{web.url}/connexion")
    page.goto(f"{web.url}/rappels/{booking.id}")
    expect(page).to_have_url(f"{web.url}/connexion")  # signed out means out
    page.close()
