//! A small page writer over `pdf-writer`: text in Helvetica (WinAnsi), lines and pages.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

pub const WIDTH: f32 = 595.28;
pub const HEIGHT: f32 = 841.89;
pub const LEFT: f32 = 50.0;
pub const RIGHT: f32 = WIDTH - 50.0;
pub const TOP: f32 = HEIGHT - 56.0;
pub const BOTTOM: f32 = 64.0;

#[derive(Clone, Copy)]
pub enum Font {
    Regular,
    Bold,
}

impl Font {
    fn name(self) -> Name<'static> {
        match self {
            Font::Regular => Name(b"F1"),
            Font::Bold => Name(b"F2"),
        }
    }
}

pub struct Pages {
    done: Vec<Content>,
    cur: Content,
    pub y: f32,
}

impl Pages {
    pub fn new() -> Self {
        Self {
            done: vec![],
            cur: Content::new(),
            y: TOP,
        }
    }

    pub fn new_page(&mut self) {
        let page = std::mem::replace(&mut self.cur, Content::new());
        self.done.push(page);
        self.y = TOP;
    }

    /// Starts a new page unless `needed` points still fit above the bottom margin.
    pub fn ensure(&mut self, needed: f32) -> bool {
        if self.y - needed < BOTTOM {
            self.new_page();
            return true;
        }
        false
    }

    pub fn text(&mut self, x: f32, y: f32, font: Font, size: f32, s: &str) {
        self.cur
            .begin_text()
            .set_font(font.name(), size)
            .next_line(x, y)
            .show(Str(&winansi(s)))
            .end_text();
    }

    pub fn text_right(&mut self, right: f32, y: f32, font: Font, size: f32, s: &str) {
        let w = width(s, font, size);
        self.text(right - w, y, font, size, s);
    }

    pub fn rule(&mut self, y: f32, gray: f32, width: f32) {
        self.cur
            .save_state()
            .set_stroke_gray(gray)
            .set_line_width(width)
            .move_to(LEFT, y)
            .line_to(RIGHT, y)
            .stroke()
            .restore_state();
    }

    pub fn band(&mut self, y: f32, height: f32, gray: f32) {
        self.cur
            .save_state()
            .set_fill_gray(gray)
            .rect(LEFT, y, RIGHT - LEFT, height)
            .fill_nonzero()
            .restore_state();
    }

    /// The PDF; `footer(i, n)` is written at the bottom of page i of n.
    pub fn finish(mut self, title: &str, footer: impl Fn(usize, usize) -> String) -> Vec<u8> {
        let last = std::mem::replace(&mut self.cur, Content::new());
        self.done.push(last);
        let n = self.done.len();
        let mut pdf = Pdf::new();
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let info = Ref::new(5);
        let first_page = 6;
        let page_ref = |i: usize| Ref::new(first_page + 2 * i32::try_from(i).unwrap_or(0));
        let content_ref = |i: usize| Ref::new(first_page + 1 + 2 * i32::try_from(i).unwrap_or(0));
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree)
            .kids((0..n).map(page_ref))
            .count(i32::try_from(n).unwrap_or(i32::MAX));
        for (font, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
            pdf.type1_font(font)
                .base_font(Name(name.as_bytes()))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        pdf.document_info(info)
            .title(TextStr(title))
            .producer(TextStr("Parley"));
        for (i, mut content) in self.done.into_iter().enumerate() {
            let f = footer(i + 1, n);
            let w = width(&f, Font::Regular, 8.0);
            content
                .begin_text()
                .set_font(Font::Regular.name(), 8.0)
                .next_line(RIGHT - w, 36.0)
                .show(Str(&winansi(&f)))
                .end_text();
            let mut page = pdf.page(page_ref(i));
            page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT));
            page.parent(tree);
            page.contents(content_ref(i));
            let mut res = page.resources();
            res.fonts()
                .pair(Font::Regular.name(), regular)
                .pair(Font::Bold.name(), bold);
            res.finish();
            page.finish();
            pdf.stream(content_ref(i), &content.finish());
        }
        pdf.finish()
    }
}

/// Text width in points. Digits and the punctuation of numbers are exact Helvetica widths;
/// letters are estimated on the wide side, which is enough for alignment and clipping.
pub fn width(s: &str, font: Font, size: f32) -> f32 {
    let units: u32 = s
        .chars()
        .map(|c| match c {
            '0'..='9' | '#' | '$' | '€' => 556,
            ' ' | '.' | ',' | ':' | ';' | '!' | 'i' | 'j' | 'l' | '\'' => 278,
            '-' | '(' | ')' | 'f' | 't' | 'r' => 333,
            '%' => 889,
            'm' | 'w' => 833,
            'M' | 'W' => 944,
            c if c.is_uppercase() => 722,
            _ => 556,
        })
        .sum();
    let bold = if matches!(font, Font::Bold) {
        1.05
    } else {
        1.0
    };
    #[allow(clippy::cast_precision_loss)] // small sums
    let units = units as f32;
    units * size / 1000.0 * bold
}

/// `s` shortened with "..." to fit `max` points.
pub fn clip(s: &str, font: Font, size: f32, max: f32) -> String {
    if width(s, font, size) <= max {
        return s.to_string();
    }
    let mut out: String = s.to_string();
    while !out.is_empty() && width(&format!("{out}..."), font, size) > max {
        out.pop();
    }
    format!("{}...", out.trim_end())
}

/// Greedy word wrap to `max` points per line; newlines in `s` are kept.
pub fn wrap(s: &str, font: Font, size: f32, max: f32) -> Vec<String> {
    let mut lines = vec![];
    for para in s.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, font, size) <= max || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
            if width(&line, font, size) > max {
                line = clip(&line, font, size, max);
            }
        }
        lines.push(line);
    }
    lines
}

/// Windows-1252 bytes for the PDF's WinAnsiEncoding; what it cannot show becomes `?`.
pub fn winansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{a0}'..='\u{ff}' => u8::try_from(u32::from(c)).unwrap_or(b'?'),
            '\t' | '\n' | '\r' => b' ',
            '€' => 0x80,
            '‚' => 0x82,
            '„' => 0x84,
            '…' => 0x85,
            '‰' => 0x89,
            'Š' => 0x8A,
            '‹' => 0x8B,
            'Œ' => 0x8C,
            'Ž' => 0x8E,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '™' => 0x99,
            'š' => 0x9A,
            '›' => 0x9B,
            'œ' => 0x9C,
            'ž' => 0x9E,
            'Ÿ' => 0x9F,
            _ => b'?',
        })
        .collect()
}
