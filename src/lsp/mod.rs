//! The language server (`gouji lsp`). Only this module knows LSP types.
//!
//! A small synchronous loop over `lsp-server`'s [`Connection`] (see `server.rs`): edits update
//! the open [`documents`]; shortly after typing stops everything open is re-analysed
//! ([`analysis`]) and every file's full diagnostic list is published; requests are answered from
//! the latest analysis by one handler per method (`handlers/`).

mod analysis;
mod capabilities;
mod config;
mod diagnostics;
mod documents;
mod handlers;
mod position;
mod report_index;
mod rule_index;
mod server;
pub mod transport;
mod uri;

pub use lsp_server::Connection;

/// Run the server over stdio until the client says exit.
pub fn run() -> Result<(), String> {
    // Our own framing in front of the server: malformed input is answered, never fatal.
    let (connection, io_threads) = transport::stdio();
    let result = serve(connection);
    io_threads
        .join()
        .map_err(|e| crate::tr!("lsp-connection-failed", error = e.to_string()))?;
    result
}

/// Serve one client on `connection` (stdio, or `Connection::memory()` in tests) until it
/// sends `exit`. An error means the client broke the protocol or went away.
pub fn serve(connection: Connection) -> Result<(), String> {
    server::serve(connection)
}
