-- Neovim as a third-party LSP client: starts `mlsec server --stdio`, opens a Python file, waits for
-- diagnostics and writes them as JSON. Arguments come from environment variables set by the test.
local bin = os.getenv('MLSEC_BIN')
local file = os.getenv('MLSEC_FILE')
local out = os.getenv('MLSEC_OUT')

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = 'mlsec',
  cmd = { 'node', bin, 'server', '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(buf, client)
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
local items = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(items, { lnum = d.lnum, col = d.col, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), source = d.source, message = d.message, severity = d.severity })
end
vim.fn.writefile({ vim.fn.json_encode(items) }, out)
vim.lsp.stop_client(client)
vim.cmd('qall!')
