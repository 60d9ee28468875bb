"""The seed journey through a Python client generated from Keyway's openapi.yaml (openapi-python-client).

Usage: python3 python-client-journey.py BASE_URL ADMIN_KEY, with the generated package `keyway_client` importable
and BASE_URL a `keyway serve --sandbox`. It creates a service on the sandbox HubSpot, starts a session, walks the
browser leg through the sandbox's consent page, reads a token by tags, calls the API through the envelope proxy,
then deletes the identity and the service. Every call to Keyway goes through the generated client; only the
browser leg (redirects, cookies, the consent form) uses plain httpx, as a browser would.
"""

import sys
from urllib.parse import parse_qsl, urlsplit

import httpx
from keyway_client import AuthenticatedClient, Client
from keyway_client.api.identities import delete_identity, list_identities
from keyway_client.api.operations import get_health
from keyway_client.api.proxy import proxy_envelope
from keyway_client.api.services import delete_service, put_service
from keyway_client.api.sessions import create_session
from keyway_client.api.tokens import get_token_by_tags
from keyway_client.models import (
    Error,
    IdentityPage,
    NewSession,
    ProxyAnswer,
    ProxyEnvelope,
    Service,
    ServiceDefinition,
    Session,
    Tags,
    Token,
)


def check(condition, message):
    if not condition:
        sys.exit(f"python-client-journey: {message}")


def main(base, key):
    keyway = AuthenticatedClient(base_url=base, token=key, raise_on_unexpected_status=True)
    check(get_health.sync(client=Client(base_url=base)).status == "ok", "healthz")
    sandbox = base + "/sandbox/hubspot"
    service_id = "hubspot-python"

    # 1. A service on the sandbox HubSpot.
    service = put_service.sync(
        service_id,
        client=keyway,
        body=ServiceDefinition(
            provider="hubspot",
            client_id="sandbox-client-id",
            client_secret="sandbox-client-secret",
            scopes=["oauth", "crm.objects.contacts.read"],
            authorization_url=sandbox + "/oauth/authorize",
            token_url=sandbox + "/oauth/2026-03/token",
            api_base_url=sandbox,
        ),
    )
    check(isinstance(service, Service) and service.id == service_id, f"put service: {service}")

    # 2. A session for the customer's tags.
    tags = Tags.from_dict({"tenantId": "pyco", "userId": "u1"})
    finished = "http://127.0.0.1:9/finished"
    session = create_session.sync(service_id, client=keyway, body=NewSession(finished_url=finished, tags=tags))
    check(isinstance(session, Session) and session.url.startswith(base), f"create session: {session}")

    # 3. The browser: the connect link, the consent page, "allow", the callback, the finished URL.
    with httpx.Client(follow_redirects=False, timeout=30) as browser:
        to_provider = browser.get(session.url)
        check(to_provider.status_code == 302, f"connect: {to_provider.status_code} {to_provider.text}")
        authorize = to_provider.headers["location"]
        consent = browser.get(authorize)
        check(consent.status_code == 200 and "allow" in consent.text, f"consent page: {consent.status_code}")
        form = dict(parse_qsl(urlsplit(authorize).query))
        form["decision"] = "allow"
        decided = browser.post(authorize.split("?")[0], data=form)
        check(decided.status_code == 302, f"consent decision: {decided.status_code} {decided.text}")
        callback = browser.get(decided.headers["location"])
        check(callback.status_code == 302, f"callback: {callback.status_code} {callback.text}")
        landed = callback.headers["location"]
        check(landed.startswith(finished), f"finished URL: {landed}")
        query = dict(parse_qsl(urlsplit(landed).query))
        check("error" not in query and query.get("identityId", "").startswith("idn_"), f"finished query: {query}")
        identity_id = query["identityId"]

    # 4. A fresh token by tags, for that identity.
    token = get_token_by_tags.sync(service_id, client=keyway, tag=["tenantId:pyco"])
    check(isinstance(token, Token) and token.access_token and token.identity_id == identity_id, f"token: {token}")
    check(token.identity.tags.to_dict() == {"tenantId": "pyco", "userId": "u1"}, f"token identity: {token.identity}")

    # 5. The API through the envelope proxy, with the token attached by Keyway.
    answer = proxy_envelope.sync(
        service_id, client=keyway, body=ProxyEnvelope(path="/crm/v3/objects/contacts", tags=Tags.from_dict({"tenantId": "pyco"}))
    )
    check(isinstance(answer, ProxyAnswer) and answer.status == 200, f"envelope proxy: {answer}")

    # 6. Clean up: the identity (revoked at the sandbox), then the service.
    deleted = delete_identity.sync_detailed(service_id, identity_id, client=keyway)
    check(deleted.status_code == 204, f"delete identity: {deleted.status_code}")
    remaining = list_identities.sync(service_id, client=keyway)
    check(isinstance(remaining, IdentityPage) and remaining.items == [], f"identities after delete: {remaining}")
    missing = get_token_by_tags.sync_detailed(service_id, client=keyway, tag=["tenantId:pyco"])
    check(missing.status_code == 404 and isinstance(missing.parsed, Error), f"token after delete: {missing.status_code}")
    check(missing.parsed.error == "identity_not_found", f"error code after delete: {missing.parsed.error}")
    check(delete_service.sync_detailed(service_id, client=keyway).status_code == 204, "delete service")
    print(f"python-client-journey: passed (identity {identity_id}, token read by tags, envelope proxy 200)")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
