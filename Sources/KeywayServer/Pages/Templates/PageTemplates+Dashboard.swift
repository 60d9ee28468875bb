/// The dashboard's pages. Every form posts its browser's form token as `csrf`.
extension PageTemplates {
    static let login = """
        {{#error}}<p class="error" role="alert" id="login-error">{{error}}</p>{{/error}}
        <form method="post" action="/dashboard/login">
        <label for="apiKey">API key</label><input type="password" id="apiKey" name="apiKey" autocomplete="off" required>
        <p><button id="signin">Sign in</button></p></form>
        <p class="muted">Use an admin key: the one <code>keyway init</code> or <code>keyway serve</code> printed on its first
        start, or one from <code>keyway key create</code>.</p>
        """

    static let services = """
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        <p><a id="new-service" href="/dashboard/services/new">Add a service from the catalog</a></p>
        {{^empty(services)}}<table><thead><tr><th>Service</th><th>Provider</th><th>Client id</th><th>Identities</th><th>Callback URL to register</th></tr></thead><tbody>
        {{#services}}<tr><td><a href="/dashboard/services/{{id}}">{{id}}</a></td><td>{{provider}}</td><td><code>{{clientId}}</code></td>
        <td>{{identities}}</td><td><code>{{callbackURL}}</code></td></tr>
        {{/services}}</tbody></table>{{/empty(services)}}
        {{^services}}<p class="muted">No services yet: add one from the catalog.</p>{{/services}}
        """

    static let serviceNew = """
        <form method="get" action="/dashboard/services/new" role="search">
        <label for="search">Search the catalog by name</label><input type="search" id="search" name="search" value="{{search}}">
        <p><button id="search-button">Search</button></p></form>
        {{^providers}}<p class="muted">No provider matches.</p>{{/providers}}
        {{#providers}}<section class="card"><h2>{{displayName}} <small class="muted">({{id}})</small></h2>
        {{#docsUrl}}<p><a href="{{docsUrl}}" rel="noreferrer">Provider documentation</a></p>{{/docsUrl}}
        <p>Default scopes: {{#scopes}}<code>{{.}}</code> {{/scopes}}{{^scopes}}<span class="muted">none</span>{{/scopes}}</p>
        <p>Callback URL to register at {{displayName}}: <code>{{callbackURL}}</code> (for a service named <code>{{id}}</code>)</p>
        <form method="post" action="/dashboard/services"><input type="hidden" name="csrf" value="{{csrf}}">
        <input type="hidden" name="provider" value="{{id}}">
        <label>Service name <input type="text" name="id" value="{{id}}" required></label>
        <label>Client id <input type="text" name="clientId" required></label>
        <label>Client secret <input type="password" name="clientSecret" autocomplete="off" required></label>
        <label>Scopes (separated by spaces) <input type="text" name="scopes" value="{{scopeText}}"></label>
        <p><button id="create-{{id}}">Create the service</button></p></form></section>
        {{/providers}}
        """

    static let service = """
        {{#notice}}<p class="notice" role="status" id="notice">{{notice}}</p>{{/notice}}
        <p>Provider <strong>{{provider}}</strong> · client id <code>{{clientId}}</code> · scopes {{#scopes}}<code>{{.}}</code> {{/scopes}}</p>
        <p>Callback URL to register at the provider: <code id="callback-url">{{callbackURL}}</code></p>
        <form method="post" action="/dashboard/services/{{id}}/connect"><input type="hidden" name="csrf" value="{{csrf}}">
        <fieldset><legend>Connect a test identity</legend>
        <label>Tags (<code>key:value</code>, separated by spaces) <input type="text" name="tags" value="userId:dashboard-test"></label>
        <p><button id="connect-test">Connect a test identity</button></p>
        <p class="muted">Runs the real authorization in this browser and comes back here.</p></fieldset></form>
        <h2>Identities</h2>
        <form method="get" action="/dashboard/services/{{id}}" role="search">
        <label for="tag">Filter by tag (<code>key:value</code>)</label><input type="search" id="tag" name="tag" value="{{filter}}">
        <p><button id="filter">Filter</button></p></form>
        {{^empty(identities)}}<table id="identities"><thead><tr><th>Identity</th><th>Tags</th><th>Status</th><th>Expires</th><th>Updated</th></tr></thead><tbody>
        {{#identities}}<tr><td><a href="/dashboard/services/{{serviceId}}/identities/{{id}}">{{id}}</a></td>
        <td>{{#tags}}<code>{{key}}={{value}}</code> {{/tags}}</td>
        <td class="status-{{status}}">{{status}}{{#reason}}<br><span class="muted">{{reason}}</span>{{/reason}}</td>
        <td>{{expires}}</td><td>{{updated}}</td></tr>
        {{/identities}}</tbody></table>{{/empty(identities)}}
        {{^identities}}<p class="muted" id="no-identities">No identities.</p>{{/identities}}
        {{#next}}<p><a id="next-page" href="{{next}}">Next page</a></p>{{/next}}
        <h2>Settings</h2>
        <form method="post" action="/dashboard/services/{{id}}/edit"><input type="hidden" name="csrf" value="{{csrf}}">
        <label>Client id <input type="text" name="clientId" value="{{clientId}}" required></label>
        <label>Client secret (write-only: leave empty to keep the current one) <input type="password" name="clientSecret" autocomplete="off"></label>
        <label>Scopes (separated by spaces) <input type="text" name="scopes" value="{{scopeText}}"></label>
        <p><button id="save-service">Save</button></p></form>
        <form method="post" action="/dashboard/services/{{id}}/delete"><input type="hidden" name="csrf" value="{{csrf}}">
        <fieldset><legend>Delete this service</legend>
        <label><input type="checkbox" name="force" value="true"> also delete its identities</label>
        <p><button id="delete-service">Delete the service</button></p></fieldset></form>
        """

    static let identity = """
        {{#notice}}<p class="notice" role="status" id="notice">{{notice}}</p>{{/notice}}
        <table id="identity"><tbody>
        <tr><th scope="row">Service</th><td><a href="/dashboard/services/{{serviceId}}">{{serviceId}}</a></td></tr>
        <tr><th scope="row">Tags</th><td id="tags">{{#tags}}<code>{{key}}={{value}}</code> {{/tags}}</td></tr>
        <tr><th scope="row">Status</th><td class="status-{{status}}" id="status">{{status}}{{#reason}} · {{reason}}{{/reason}}</td></tr>
        <tr><th scope="row">Metadata</th><td>{{#metadata}}<code>{{key}}={{value}}</code> {{/metadata}}{{^metadata}}<span class="muted">none</span>{{/metadata}}</td></tr>
        <tr><th scope="row">Created</th><td>{{created}}</td></tr>
        <tr><th scope="row">Last refreshed or changed</th><td id="updated">{{updated}}</td></tr>
        <tr><th scope="row">Access expires</th><td id="expires">{{expires}}</td></tr>
        </tbody></table>
        <p class="muted">Tokens are never shown here; apps read them through the API.</p>
        <form method="post" action="/dashboard/services/{{serviceId}}/identities/{{id}}/refresh" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button id="refresh">Refresh now</button></form>
        <form method="post" action="/dashboard/services/{{serviceId}}/identities/{{id}}/delete" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button id="disconnect">Disconnect</button></form>
        <p class="muted">Disconnect deletes the identity and revokes its grant at the provider where the catalog knows how.</p>
        """

    static let keys = """
        {{^empty(keys)}}<table><thead><tr><th>Name</th><th>Id</th><th>Scopes</th><th>Created</th><th>Last used</th><th>Expires</th><th><span class="muted">Action</span></th></tr></thead><tbody>
        {{#keys}}<tr><td>{{name}}</td><td><code>{{id}}</code></td><td>{{scopes}}</td><td>{{created}}</td><td>{{lastUsed}}</td><td>{{expires}}</td>
        <td><form method="post" action="/dashboard/keys/{{id}}/delete" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button aria-label="Delete key {{name}}">Delete</button></form></td></tr>
        {{/keys}}</tbody></table>{{/empty(keys)}}
        <form method="post" action="/dashboard/keys"><input type="hidden" name="csrf" value="{{csrf}}">
        <fieldset><legend>Create a key</legend>
        <label>Name <input type="text" name="name" required maxlength="100"></label>
        <label>Scopes (separated by spaces: {{scopeChoices}}) <input type="text" name="scopes" value="admin"></label>
        <p><button id="create-key">Create the key</button></p></fieldset></form>
        """

    static let keyCreated = """
        <p class="notice" role="status">Copy this key now: it is shown once and cannot be read again.</p>
        <p><label for="new-key">Key for {{name}}</label><input type="text" id="new-key" readonly value="{{key}}"></p>
        <p><a href="/dashboard/keys">Back to the keys</a></p>
        """

    static let webhooks = """
        {{^empty(webhooks)}}<table><thead><tr><th>URL</th><th>Events</th><th>State</th><th>Created</th><th><span class="muted">Action</span></th></tr></thead><tbody>
        {{#webhooks}}<tr><td><a href="/dashboard/webhooks/{{id}}">{{url}}</a>{{#description}}<br><span class="muted">{{description}}</span>{{/description}}</td>
        <td>{{events}}</td><td>{{state}}</td><td>{{created}}</td>
        <td><form method="post" action="/dashboard/webhooks/{{id}}/delete" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button aria-label="Delete webhook {{url}}">Delete</button></form></td></tr>
        {{/webhooks}}</tbody></table>{{/empty(webhooks)}}
        {{^webhooks}}<p class="muted">No webhooks.</p>{{/webhooks}}
        <form method="post" action="/dashboard/webhooks"><input type="hidden" name="csrf" value="{{csrf}}">
        <fieldset><legend>Add a webhook</legend>
        <label>URL <input type="url" name="url" required></label>
        <label>Events (separated by spaces; empty for all) <input type="text" name="events"></label>
        <label>Description <input type="text" name="description"></label>
        <p><button id="create-webhook">Add the webhook</button></p><p class="muted">The signing secret is shown once, after adding.</p></fieldset></form>
        """

    static let deliveries = """
        {{#secret}}<p class="notice" role="status">Signing secret, shown once: <code id="webhook-secret">{{secret}}</code></p>{{/secret}}
        <p>Events: {{events}}</p>
        {{^empty(deliveries)}}<table><thead><tr><th>Event</th><th>State</th><th>Attempts</th><th>Last attempt</th><th>Created</th></tr></thead><tbody>
        {{#deliveries}}<tr><td>{{eventType}}</td><td>{{state}}</td><td>{{attempts}}</td><td>{{lastAttempt}}</td><td>{{created}}</td></tr>
        {{/deliveries}}</tbody></table>{{/empty(deliveries)}}
        {{^deliveries}}<p class="muted">No deliveries yet.</p>{{/deliveries}}
        """

    static let audit = """
        {{^empty(entries)}}<table><thead><tr><th>Time</th><th>Action</th><th>Key</th><th>Service</th><th>Identity</th><th>Status</th></tr></thead><tbody>
        {{#entries}}<tr><td>{{time}}</td><td>{{action}}</td><td><code>{{key}}</code></td><td>{{service}}</td><td><code>{{identity}}</code></td><td>{{status}}</td></tr>
        {{/entries}}</tbody></table>{{/empty(entries)}}
        {{^entries}}<p class="muted">No entries.</p>{{/entries}}
        {{#next}}<p><a href="{{next}}">Older entries</a></p>{{/next}}
        """

    static let dashboardError = """
        <p class="error" role="alert" id="error-message">{{message}}</p>
        <p>Error code: <code id="error-code">{{code}}</code></p>
        <p><a href="{{back}}">Back</a></p>
        """
}
