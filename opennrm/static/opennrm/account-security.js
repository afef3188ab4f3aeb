// Sign-in security pages: WebAuthn security keys (register, authenticate) and the print
// button of the recovery codes. No inline script: the Content Security Policy forbids it.
(function () {
  "use strict";

  function toBuffer(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var padded = base64 + "===".slice((base64.length + 3) % 4);
    var binary = atob(padded);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function creationOptions(options) {
    options.challenge = toBuffer(options.challenge);
    options.user.id = toBuffer(options.user.id);
    (options.excludeCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
    return options;
  }

  function requestOptions(options) {
    options.challenge = toBuffer(options.challenge);
    (options.allowCredentials || []).forEach(function (c) { c.id = toBuffer(c.id); });
    return options;
  }

  function answer(credential) {
    var r = credential.response;
    var out = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults
        ? credential.getClientExtensionResults() : {},
      response: { clientDataJSON: toText(r.clientDataJSON) }
    };
    if (credential.authenticatorAttachment) {
      out.authenticatorAttachment = credential.authenticatorAttachment;
    }
    if (r.attestationObject) {
      out.response.attestationObject = toText(r.attestationObject);
      if (r.getTransports) out.response.transports = r.getTransports();
    }
    if (r.authenticatorData) {
      out.response.authenticatorData = toText(r.authenticatorData);
      out.response.signature = toText(r.signature);
      out.response.userHandle = r.userHandle ? toText(r.userHandle) : null;
    }
    return out;
  }

  function showError(form, message) {
    var place = form.querySelector("[data-webauthn-error]");
    if (place) place.textContent = message;
  }

  async function useKey(button) {
    var form = button.closest("form");
    showError(form, "");
    if (button.dataset.needs) {
      var needed = document.getElementById(button.dataset.needs);
      if (needed && !needed.value) { needed.focus(); needed.reportValidity(); return; }
    }
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var response = await fetch(button.dataset.optionsUrl, {
      method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf }
    });
    var options = await response.json();
    if (!response.ok) {
      if (options.confirm) { window.location.assign(options.confirm); return; }
      showError(form, options.detail || response.statusText);
      return;
    }
    var credential;
    try {
      credential = button.dataset.webauthn === "register"
        ? await navigator.credentials.create({ publicKey: creationOptions(options) })
        : await navigator.credentials.get({ publicKey: requestOptions(options) });
    } catch (error) {
      showError(form, button.dataset.cancelled || error.message);
      return;
    }
    form.querySelector("input[name=" + button.dataset.field + "]").value =
      JSON.stringify(answer(credential));
    form.submit();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-webauthn]");
    if (button) { event.preventDefault(); useKey(button); return; }
    if (event.target.closest("[data-print]")) window.print();
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (window.PublicKeyCredential) return;
    document.querySelectorAll("[data-webauthn]").forEach(function (b) { b.hidden = true; });
    document.querySelectorAll("[data-webauthn-unsupported]").forEach(function (p) {
      p.hidden = false;
    });
  });
})();
