/* Chat widget of the CCAS budget assistant. Nothing happens, and nothing is stored, until the
   person opens the chat. The conversation is kept in this tab (sessionStorage) so that a page
   reload finds it again; it is gone when the tab is closed. */
(function () {
  "use strict";
  var server = document.currentScript.getAttribute("data-server");
  var KEY = "ccas-chat";
  var launcher = document.getElementById("ccas-chat-open");
  var panel = document.getElementById("ccas-chat");
  var closeButton = document.getElementById("ccas-chat-close");
  var log = document.getElementById("ccas-chat-log");
  var status = document.getElementById("ccas-chat-status");
  var form = document.getElementById("ccas-chat-form");
  var input = document.getElementById("ccas-chat-input");
  var socket = null;
  var state = null;

  function load() {
    try { return JSON.parse(sessionStorage.getItem(KEY)); } catch (e) { return null; }
  }
  function save() {
    try { sessionStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode: no reload memory */ }
  }

  // Phone numbers in the assistant's messages become links that call them: the emergency
  // numbers ("appelez le 3114", "au 115") and ten-digit numbers ("04 76 69 45 94"). Built
  // from text nodes and links, never from HTML.
  var PHONE = /(\+33[\s.]?[1-9](?:[\s.]?\d{2}){4}|\b0[1-9](?:[\s.]?\d{2}){4}\b)|(\b(?:le|au|appelez)\s)(3114|3919|3020|116[\s\u202f]?006|115|119|112|17|15)\b(?![\s\u202f]*(?:(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|h|heures?|ans?|jours?)(?![a-zà-ÿ])|€|%))/g;

  function withPhoneLinks(words) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    var match;
    PHONE.lastIndex = 0;
    while ((match = PHONE.exec(words)) !== null) {
      var number = match[1] || match[3];
      var start = match.index + (match[1] ? 0 : match[2].length);
      fragment.appendChild(document.createTextNode(words.slice(last, start)));
      var link = document.createElement("a");
      var digits = number.replace(/[^\d+]/g, "");
      link.href = "tel:" + (digits.charAt(0) === "0" && digits.length === 10 ? "+33" + digits.slice(1) : digits);
      link.textContent = number;
      fragment.appendChild(link);
      last = start + number.length;
    }
    fragment.appendChild(document.createTextNode(words.slice(last)));
    return fragment;
  }

  function render(message, index) {
    var item = document.createElement("li");
    item.className = "chat-msg chat-" + message.from;
    var who = document.createElement("span");
    who.className = "chat-who";
    who.textContent = message.from === "bot" ? "Assistant : " : "Vous : ";
    var text = document.createElement("p");
    if (message.from === "bot") {
      text.appendChild(withPhoneLinks(message.text));
    } else {
      text.textContent = message.text;  // always text, never HTML
    }
    item.appendChild(who);
    item.appendChild(text);
    if (message.buttons && message.buttons.length && index === state.messages.length - 1) {
      var group = document.createElement("div");
      group.className = "chat-choices";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Réponses proposées");
      message.buttons.forEach(function (button) {
        var choice = document.createElement("button");
        choice.type = "button";
        choice.textContent = button.title;
        choice.addEventListener("click", function () { send(button.payload, button.title); });
        group.appendChild(choice);
      });
      item.appendChild(group);
    }
    return item;
  }

  function redraw() {
    log.textContent = "";
    state.messages.forEach(function (message, index) { log.appendChild(render(message, index)); });
    log.scrollTop = log.scrollHeight;
  }

  function add(message) {
    state.messages.push(message);
    save();
    // Earlier choices stay visible as text but are no longer buttons.
    var previous = log.querySelector(".chat-choices");
    if (previous) { previous.remove(); }
    log.appendChild(render(message, state.messages.length - 1));
    log.scrollTop = log.scrollHeight;
  }

  function send(payload, shown) {
    if (!payload || !payload.trim()) { return; }
    add({ from: "person", text: shown || payload });
    socket.emit("user_uttered", { message: payload, session_id: state.sessionId });
  }

  function connect() {
    if (socket) { return; }
    socket = io(server, { transports: ["websocket", "polling"], reconnectionDelayMax: 10000 });
    socket.on("connect", function () {
      status.textContent = "";
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", function (sessionId) {
      // The server issues the conversation's token. A different one means the one kept here
      // was not recognised (a new installation): the conversation starts afresh.
      var first = state.sessionId !== sessionId;
      if (first && state.sessionId) { state.messages = []; redraw(); }
      state.sessionId = sessionId;
      save();
      if (first) {
        // Ask for the welcome at once, without the person having to write first.
        socket.emit("user_uttered", { message: "/session_start", session_id: sessionId });
      }
    });
    socket.on("bot_uttered", function (message) {
      if (!message || !message.text) { return; }
      var buttons = (message.quick_replies || message.buttons || []).map(function (b) {
        return { title: b.title, payload: b.payload };
      });
      add({ from: "bot", text: message.text, buttons: buttons });
    });
    socket.on("disconnect", function () {
      status.textContent = "Connexion interrompue. Nouvelle tentative en cours…";
    });
    socket.on("connect_error", function () {
      status.textContent = "Impossible de joindre l'assistant pour le moment. Nouvelle tentative en cours… "
        + "Vous pouvez aussi appeler les conseillères.";
    });
  }

  function open() {
    if (!state) { state = { sessionId: null, messages: [], open: true }; }
    state.open = true;
    save();
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.hidden = true;
    redraw();
    connect();
    input.focus();
  }

  function close() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    if (state) { state.open = false; save(); }
    launcher.focus();
  }

  launcher.addEventListener("click", open);
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text);
  });
  input.addEventListener("keydown", function (event) {
    // Enter sends, Shift+Enter goes to the next line.
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  state = load();
  if (state && state.open) { open(); }
})();
