extension PageTemplates {
    /// The connect page's credential form (API key, Basic, or the end user's own OAuth client): the fields of
    /// the session's auth mode, the form token, and the last refusal, if any. Values are never echoed back.
    static let connectCredentials = """
        {{#error}}<p class="error" role="alert">{{message}} (<code>{{code}}</code>)</p>{{/error}}
        <form method="post">
        <input type="hidden" name="formToken" value="{{formToken}}">
        {{#fields}}<label>{{label}}<input name="{{name}}" type="{{type}}" autocomplete="off" required></label>
        {{/fields}}<p><button type="submit">Connect</button></p>
        </form>
        {{#docsUrl}}<p class="muted"><a href="{{docsUrl}}" rel="noreferrer">Where to find these credentials</a></p>{{/docsUrl}}
        """
}
