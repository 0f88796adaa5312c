//! A `fact` phrase (`"收到…申请{件数}件"`) → the pieces the narrative matcher walks.

use super::model::Piece;

/// Cut a phrase into pieces, or say in words why it cannot be used.
pub fn parse(text: &str) -> Result<Vec<Piece>, String> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut chars = text.chars().peekable();
    let mut numbers = 0;
    while let Some(c) = chars.next() {
        match c {
            '{' | '｛' => {
                let mut closed = false;
                for n in chars.by_ref() {
                    if n == '}' || n == '｝' {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    return Err(crate::tr!("phrase-open-brace"));
                }
                if matches!(pieces.last(), Some(Piece::Number)) {
                    return Err(crate::tr!("phrase-two-numbers"));
                }
                numbers += 1;
                pieces.push(Piece::Number);
            }
            '}' | '｝' => return Err(crate::tr!("phrase-close-brace")),
            '…' | '⋯' => gap(&mut pieces)?,
            '.' if chars.peek() == Some(&'.') => {
                while chars.peek() == Some(&'.') {
                    chars.next();
                }
                gap(&mut pieces)?;
            }
            c if c.is_whitespace() || c == '\u{3000}' => {}
            c => {
                let c = crate::check::narrative::fold(c);
                match pieces.last_mut() {
                    Some(Piece::Text(t)) => t.push(c),
                    _ => pieces.push(Piece::Text(vec![c])),
                }
            }
        }
    }
    if numbers != 1 {
        return Err(if numbers == 0 {
            crate::tr!("phrase-no-number")
        } else {
            crate::tr!("phrase-many-numbers")
        });
    }
    if !pieces.iter().any(|p| matches!(p, Piece::Text(_))) {
        return Err(crate::tr!("phrase-no-words"));
    }
    if matches!(pieces.first(), Some(Piece::Gap)) || matches!(pieces.last(), Some(Piece::Gap)) {
        return Err(crate::tr!("phrase-gap-at-end"));
    }
    Ok(pieces)
}

fn gap(pieces: &mut Vec<Piece>) -> Result<(), String> {
    if matches!(pieces.last(), Some(Piece::Gap)) {
        // `……` is one gap.
        return Ok(());
    }
    pieces.push(Piece::Gap);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_is_words_gaps_and_one_number() {
        let p = parse("收到…申请{件数}件").unwrap_or_default();
        assert_eq!(
            p,
            vec![
                Piece::Text(vec!['收', '到']),
                Piece::Gap,
                Piece::Text(vec!['申', '请']),
                Piece::Number,
                Piece::Text(vec!['件']),
            ]
        );
        // Blanks mean nothing; `……` is one gap.
        assert_eq!(parse("收到 申请……{n}件").map(|p| p.len()).ok(), Some(4));
    }

    #[test]
    fn phrases_the_matcher_cannot_use_are_refused() {
        assert!(parse("收到申请").is_err());
        assert!(parse("{a}{b}件").is_err());
        assert!(parse("…{n}件").is_err());
        assert!(parse("{n}").is_err());
        assert!(parse("收到{n件").is_err());
    }
}
