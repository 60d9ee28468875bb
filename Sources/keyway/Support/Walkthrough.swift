/// What `keyway serve --sandbox` prints: how to walk the HubSpot flow by hand.
enum Walkthrough {
    static func text(publicURL: String, profile: String) -> String {
        """

        The sandbox HubSpot is served at \(publicURL)/sandbox/hubspot and the 'hubspot' service uses it.
        See it work in the browser: open \(publicURL)/dashboard, sign in with the admin API key (it is in
        \(profile)), open the 'hubspot' service, press "Connect a test identity", then "Connect app".
        Or walk the flow with curl:
          KEY=$(sed -n 's/.*"apiKey" : "\\(.*\\)".*/\\1/p' \(profile))
          curl -s -X POST \(publicURL)/v1/services/hubspot/sessions -H "Authorization: Bearer $KEY" \\
            -H 'Content-Type: application/json' \\
            -d '{"tags":{"tenantId":"contoso","userId":"u1"},"finishedUrl":"http://127.0.0.1:9/finished"}'
          # open the "url" it returns in a browser and press Allow; then:
          curl -s "\(publicURL)/v1/services/hubspot/token?tag=tenantId:contoso" -H "Authorization: Bearer $KEY"
        """
    }
}
