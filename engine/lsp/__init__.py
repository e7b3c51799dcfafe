"""`idm lsp`: idm in the editor (docs/editors.md).

What the server says is worked out here without the LSP library (documents.py recognises a file,
fields.py knows the fields of the format and of the packs, analysis.py turns the engine's input
errors, findings and lint problems into diagnostics, hover, completion, code actions and
definitions); server.py only wires those to pygls.  Results are kept in memory; nothing is written.
"""
