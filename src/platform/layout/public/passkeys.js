/* global window, document, navigator, fetch, atob, btoa, DOMException */
// Passkeys: adding one on the account page, signing in with one on the sign-in page.
// Progressive enhancement: the passkey parts of a page stay hidden unless this browser can use passkeys.

const toBytes = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const toText = (buffer) =>
  btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function post(url, body) {
  const csrf = document.querySelector('input[name="_csrf"]')?.value ?? '';
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'csrf-token': csrf },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(Object.values(answer.errors ?? {})[0] ?? 'Something went wrong. Try again');
  return answer;
}

const credentialJson = (credential, response) => ({
  id: credential.id,
  rawId: toText(credential.rawId),
  type: credential.type,
  authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
  clientExtensionResults: credential.getClientExtensionResults(),
  response,
});

async function addPasskey(name) {
  const options = await post('/api/v1/passkeys/options', { name });
  const credential = await navigator.credentials.create({
    publicKey: {
      ...options,
      challenge: toBytes(options.challenge),
      user: { ...options.user, id: toBytes(options.user.id) },
      excludeCredentials: (options.excludeCredentials ?? []).map((c) => ({ ...c, id: toBytes(c.id) })),
    },
  });
  await post('/api/v1/passkeys', {
    name,
    answer: credentialJson(credential, {
      clientDataJSON: toText(credential.response.clientDataJSON),
      attestationObject: toText(credential.response.attestationObject),
      transports: credential.response.getTransports?.() ?? [],
    }),
  });
}

async function signInWithPasskey(returnTo) {
  const options = await post('/api/v1/sign-in/passkey/options', {});
  const credential = await navigator.credentials.get({
    publicKey: {
      ...options,
      challenge: toBytes(options.challenge),
      allowCredentials: (options.allowCredentials ?? []).map((c) => ({ ...c, id: toBytes(c.id) })),
    },
  });
  const { response } = credential;
  const answer = await post('/api/v1/sign-in/passkey', {
    returnTo,
    answer: credentialJson(credential, {
      clientDataJSON: toText(response.clientDataJSON),
      authenticatorData: toText(response.authenticatorData),
      signature: toText(response.signature),
      userHandle: response.userHandle ? toText(response.userHandle) : undefined,
    }),
  });
  return answer.location;
}

/** Runs a ceremony from a button, saying plainly what went wrong if it did. */
function wire(area, work) {
  const button = area.querySelector('[data-passkey-button]');
  const message = area.querySelector('[data-passkey-message]');
  const run = async (event) => {
    event.preventDefault();
    message.textContent = '';
    button.disabled = true;
    try {
      window.location.assign(await work());
    } catch (error) {
      const cancelled = error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError');
      message.textContent = cancelled ? 'The passkey was not used. You can try again, or use another way.' : error.message;
      button.disabled = false;
    }
  };
  if (area.tagName === 'FORM') area.addEventListener('submit', run);
  else button.addEventListener('click', run);
  area.hidden = false;
}

if (window.PublicKeyCredential && navigator.credentials) {
  const signIn = document.querySelector('[data-passkey-sign-in]');
  if (signIn) wire(signIn, () => signInWithPasskey(signIn.dataset.returnTo || '/'));

  const add = document.querySelector('[data-passkey-add]');
  if (add) {
    document.querySelector('[data-passkey-needs-script]')?.remove();
    wire(add, async () => {
      const name = add.querySelector('input[name="name"]').value;
      await addPasskey(name);
      return '/account?saved=passkey-added';
    });
  }
}
