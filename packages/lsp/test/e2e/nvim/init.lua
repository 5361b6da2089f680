-- A second, independent LSP client: Neovim's built-in one (nvim 0.7 API). Started by
-- neovim.test.ts as `nvim --headless --clean -u init.lua`; reads its parameters from the JSON
-- file named by $SUAN_NVIM_INPUT and writes what the server answered to $SUAN_NVIM_OUTPUT.
local input = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('SUAN_NVIM_INPUT')), '\n'))
local out = {}

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('SUAN_NVIM_OUTPUT'))
  vim.cmd('qa!')
end

local function request(bufnr, method, params)
  local responses = vim.lsp.buf_request_sync(bufnr, method, params, 20000)
  if not responses then return nil end
  for _, r in pairs(responses) do
    if r.error then return { error = r.error } end
    return r.result
  end
  return nil
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'suan',
    cmd = { input.node, input.server, '--stdio' },
    root_dir = input.root,
    capabilities = vim.lsp.protocol.make_client_capabilities(),
    settings = { suan = { lang = 'en' } },
    on_exit = function(code) out.exit_code = code end,
  })
  out.client_started = client_id ~= nil

  vim.cmd('edit ' .. vim.fn.fnameescape(input.file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'suan'
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- Diagnostics: syntax/semantic ones arrive first; inline failures once the bound data is evaluated.
  out.got_failures = vim.wait(30000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.message:find('actual', 1, true) then return true end
    end
    return false
  end, 50)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, severity = d.severity,
      code = (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or d.code })
  end

  local uri = vim.uri_from_bufnr(bufnr)
  local function at(p) return { textDocument = { uri = uri }, position = { line = p[1], character = p[2] } } end

  -- Type a half-written rule at the end (nvim sends didChange) and complete after its `r.`.
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, input.typed)
  local last = vim.api.nvim_buf_line_count(bufnr) - 1
  local line_text = vim.api.nvim_buf_get_lines(bufnr, last, last + 1, false)[1]
  local _, utf16 = vim.str_utfindex(line_text)
  local completion = request(bufnr, 'textDocument/completion', at({ last, utf16 }))
  out.completion = {}
  local items = completion and (completion.items or completion) or {}
  for _, item in ipairs(items) do table.insert(out.completion, item.label) end
  vim.api.nvim_buf_set_lines(bufnr, last - #input.typed + 1, last + 1, false, {})

  local hover = request(bufnr, 'textDocument/hover', at(input.hover))
  out.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  local symbols = request(bufnr, 'textDocument/documentSymbol', { textDocument = { uri = uri } })
  out.symbols = {}
  for _, s in ipairs(symbols or {}) do table.insert(out.symbols, s.name) end

  local def = request(bufnr, 'textDocument/definition', at(input.hover))
  out.definition = def and def[1] and (def[1].uri or def[1].targetUri) or vim.NIL

  local lenses = request(bufnr, 'textDocument/codeLens', { textDocument = { uri = uri } })
  out.lenses = {}
  for _, l in ipairs(lenses or {}) do table.insert(out.lenses, l.command and l.command.title or '') end

  -- Type into the buffer (nvim sends incremental didChange) and get new diagnostics.
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { 'rule NV2 {', '  assert 收支总计计 ≈ 0 万元', '}' })
  out.got_edit_diagnostic = vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.message:find('Unknown name', 1, true) then return true end
    end
    return false
  end, 50)

  vim.lsp.stop_client(client_id)
end)

if not ok then out.error = tostring(err) end
finish()
