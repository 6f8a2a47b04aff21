"""A small HTTP client for the counsellors' app that keeps its cookies itself: the app's
cookies are `Secure`, which requests would not send back over the tests' plain http."""
from __future__ import annotations

import re

import requests

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class Client:
    def __init__(self, base: str, headers: dict[str, str] | None = None):
        self.base = base
        self.cookies: dict[str, str] = {}
        self.headers = dict(headers or {})  # sent with every request (X-Forwarded-For...)

    def request(self, method: str, path: str, data: dict | None = None) -> requests.Response:
        header = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {**self.headers, **({"Cookie": header} if header else {})}
        response = requests.request(method, self.base + path, data=data, allow_redirects=False,
                                    headers=headers, timeout=30)
        for name, value in response.cookies.items():
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        return response

    def get(self, path: str) -> requests.Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> requests.Response:
        return self.request("POST", path, data)

    def csrf(self, path: str) -> str:
        return CSRF.search(self.get(path).text).group(1)

    def sign_in(self, login: str, password: str) -> requests.Response:
        form = {"csrf": self.csrf("/connexion"), "login": login, "password": password}
        return self.post("/connexion", form)
