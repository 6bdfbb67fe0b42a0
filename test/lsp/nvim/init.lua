-- Headless Neovim as a real LSP client of kalint-language-server (test/lsp/neovim.test.ts).
-- Starts the server on the files in $KALINT_FILES (comma-separated), waits until each has
-- diagnostics, writes them as `file:line:col:code:message` lines to $KALINT_OUT and quits.
local files = vim.split(vim.env.KALINT_FILES, ',')
local config = {
  name = 'kalint',
  cmd = { vim.env.KALINT_NODE or 'node', vim.env.KALINT_SERVER, '--stdio' },
  root_dir = vim.env.KALINT_ROOT,
}

local client_id
local buffers = {}
for _, file in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'keepalived'
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = buf })
  else
    -- Neovim 0.7 (Debian 12): no vim.lsp.start yet.
    client_id = client_id or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  table.insert(buffers, { buf = buf, file = file })
end

local function code_of(d)
  if d.code then return d.code end
  if d.user_data and d.user_data.lsp then return d.user_data.lsp.code end
  return ''
end

local function settled()
  for _, b in ipairs(buffers) do
    local drift = 0
    for _, d in ipairs(vim.diagnostic.get(b.buf)) do
      if code_of(d) == (vim.env.KALINT_WAIT_FOR or 'weight-drift') then drift = drift + 1 end
    end
    if drift == 0 then return false end
  end
  return true
end

vim.wait(tonumber(vim.env.KALINT_TIMEOUT or '20000'), settled, 50)

local lines = {}
for _, b in ipairs(buffers) do
  for _, d in ipairs(vim.diagnostic.get(b.buf)) do
    table.insert(lines, string.format('%s:%d:%d:%s:%s', vim.fn.fnamemodify(b.file, ':t'), d.lnum + 1, d.col + 1, code_of(d), d.message))
  end
end
vim.fn.writefile(lines, vim.env.KALINT_OUT)
vim.cmd('qa!')
