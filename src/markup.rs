//! HTML written as text, for the report's cards that hold no state: one small writer instead of
//! a virtual-DOM node per element. Each element the `html!` macro builds is about 250 bytes of
//! wasm at its call site; here it is one call. And the browser parses the card's text in one
//! step (`innerHTML`) instead of one call across the wasm boundary per element and attribute.
//!
//! Everything written through [`Markup::text`] and [`Markup::attr`] is escaped; tag and
//! attribute names are `&'static str`, so nothing the evidence holds can become markup.
//! Pure (no web dependency): tested natively.

/// A fragment of HTML being written: open an element, give its attributes, write its children,
/// close it.
#[derive(Default)]
pub struct Markup {
    out: String,
    /// The elements open, innermost last.
    open: Vec<&'static str>,
    /// A start tag is written up to its attributes: `>` is still to come.
    in_start: bool,
}

/// `text` with the five characters that mean something in HTML escaped, for text and for
/// attribute values alike.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

impl Markup {
    pub fn new() -> Self {
        Self::default()
    }

    fn end_start(&mut self) {
        if self.in_start {
            self.out.push('>');
            self.in_start = false;
        }
    }

    /// Opens `<tag class="class">` (no class attribute when `class` is empty); attributes
    /// follow with [`attr`](Self::attr), then the children, then [`close`](Self::close).
    pub fn open(&mut self, tag: &'static str, class: &str) -> &mut Self {
        self.end_start();
        self.out.push('<');
        self.out.push_str(tag);
        self.open.push(tag);
        self.in_start = true;
        if !class.is_empty() {
            self.attr("class", class);
        }
        self
    }

    /// An attribute of the element just opened.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        debug_assert!(self.in_start, "attribute {name} after the start tag");
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value);
        self.out.push('"');
        self
    }

    /// An attribute when `value` is there.
    pub fn attr_some(&mut self, name: &'static str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.attr(name, v);
        }
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.end_start();
        escape_into(&mut self.out, text);
        self
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) -> &mut Self {
        self.end_start();
        if let Some(tag) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push('>');
        }
        self
    }

    /// `<tag class="class">text</tag>`.
    pub fn leaf(&mut self, tag: &'static str, class: &str, text: &str) -> &mut Self {
        self.open(tag, class).text(text).close()
    }

    /// Opens a table row named by `name`: `<tr data-…="name"><th scope="row"><code>name</code></th>`
    /// (the row is left open for its cells).
    pub fn named_row(&mut self, data: &'static str, name: &str) -> &mut Self {
        self.open("tr", "")
            .attr(data, name)
            .open("th", "")
            .attr("scope", "row")
            .leaf("code", "", name)
            .close()
    }

    /// Text with `backticked` names as `<code>`, as the core writes claim and scope names.
    pub fn rich(&mut self, text: &str) -> &mut Self {
        for (i, part) in text.split('`').enumerate() {
            if i % 2 == 1 {
                self.leaf("code", "", part);
            } else {
                self.text(part);
            }
        }
        self
    }

    /// A copy button: the page's one click handler copies `text` (`data-copy`) and says
    /// "Copied" for a moment; `what` names it for screen readers and the tooltip.
    pub fn copy_button(&mut self, text: &str, what: &str) -> &mut Self {
        self.open("button", "copy")
            .attr("type", "button")
            .attr("title", what)
            .attr("aria-label", what)
            .attr("data-testid", "copy")
            .attr("data-copy", text)
            .open("span", "")
            .attr("aria-live", "polite")
            .text("Copy")
            .close()
            .close()
    }

    /// The HTML written, every element closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.end_start();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut m = Markup::new();
        m.open("p", "a\"b")
            .attr("title", "<x y='1'>")
            .text("<script>alert(1)</script> & more");
        assert_eq!(
            m.finish(),
            "<p class=\"a&quot;b\" title=\"&lt;x y=&#39;1&#39;&gt;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>"
        );
    }

    #[test]
    fn elements_nest_and_close_in_order() {
        let mut m = Markup::new();
        m.open("dl", "facts")
            .open("div", "fact")
            .leaf("dt", "", "Realm")
            .open("dd", "")
            .leaf("code", "", "zzrf")
            .close()
            .close()
            .close();
        m.open("span", "swatch").close();
        assert_eq!(
            m.finish(),
            "<dl class=\"facts\"><div class=\"fact\"><dt>Realm</dt><dd><code>zzrf</code></dd></div></dl><span class=\"swatch\"></span>"
        );
    }

    #[test]
    fn a_named_row_is_left_open_for_its_cells() {
        let mut m = Markup::new();
        m.named_row("data-time", "exp<").leaf("td", "", "soon");
        assert_eq!(
            m.finish(),
            "<tr data-time=\"exp&lt;\"><th scope=\"row\"><code>exp&lt;</code></th><td>soon</td></tr>"
        );
    }

    #[test]
    fn finishing_closes_what_is_still_open() {
        let mut m = Markup::new();
        m.open("section", "card").open("p", "").attr("data-x", "1");
        assert_eq!(
            m.finish(),
            "<section class=\"card\"><p data-x=\"1\"></p></section>"
        );
    }

    #[test]
    fn rich_text_shows_backticked_names_as_code() {
        let mut m = Markup::new();
        m.rich("scope `sfcc.orders` is missing; `a<b`");
        assert_eq!(
            m.finish(),
            "scope <code>sfcc.orders</code> is missing; <code>a&lt;b</code>"
        );
    }

    #[test]
    fn a_copy_button_carries_its_text_escaped() {
        let mut m = Markup::new();
        m.copy_button("a\"b", "Copy token");
        let html = m.finish();
        assert!(html.contains("data-copy=\"a&quot;b\""), "{html}");
        assert!(html.contains("aria-label=\"Copy token\""), "{html}");
    }
}
