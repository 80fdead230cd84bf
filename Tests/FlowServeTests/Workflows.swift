/// The workflow files the tests run.
enum Workflows {
    /// Real Haven calls (an index, a connector whose description is markup, read back), a secret in a message, a
    /// message that is markup, a small `for_each`, and a schedule trigger for `/schedules`.
    static let demo = """
        name: demo
        on:
          schedule:
            - cron: "30 2 * * *"
              timezone: Europe/Berlin
        steps:
          - delete-connector: { connector: wiki, missing_ok: true }
          - delete-index: { index: docs, missing_ok: true }
          - id: index
            create-index: { index: docs }
          - id: connector
            create-connector:
              connector: wiki
              flavor: web_cloud
              config: { url: "http://example.com/wiki" }
              destination: { action: addtotextindex, index: docs }
              description: "<script>alert(1)</script>"
          - id: readback
            retrieve-config: { connector: wiki }
          - id: say
            log: { message: "<script>alert(1)</script> token ${{ secrets.WEBHOOK_TOKEN }}" }
          - id: rebuild
            for_each: ["a", "b", "c"]
            log: { message: "element ${{ item }}" }

        """

    /// A step that fails with a sentence that is markup.
    static let failing = """
        name: failing
        steps:
          - id: boom
            fail: { message: "<script>alert(1)</script> broke" }

        """

    /// Runs long enough to be watched: a step, a pause, then three elements. The pause is long enough for
    /// a test on a loaded machine to read the pages while it runs (3 s was not, once, at load 17).
    static let slow = """
        name: slow
        steps:
          - id: first
            log: { message: "first" }
          - id: pause
            sleep: { duration: 8s }
          - id: rebuild
            for_each: ["a", "b", "c"]
            log: { message: "element ${{ item }}" }

        """

    /// `count` elements, each logging its index.
    static func large(_ count: Int) -> String {
        """
        name: large
        vars:
          items: [\((0..<count).map(String.init).joined(separator: ", "))]
        steps:
          - id: rebuild
            for_each: ${{ vars.items }}
            concurrency: 50
            log: { message: "element ${{ item }}" }

        """
    }
}

/// The secret the demo workflow uses (longer than the masking minimum).
let webhookToken = "whk-9d2f61c0a7e3"
