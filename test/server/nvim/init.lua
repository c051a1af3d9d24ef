-- Neovim 0.7 end-to-end script for test/server/nvim.test.ts (no plugins, 0.7 API only).
-- Opens $PSL_FILE, attaches php-socket-lint-server over stdio, waits for diagnostics, applies
-- the quick fix titled $PSL_ACTION (as a person picks it; else the preferred one) for $PSL_RULE,
-- writes the buffer, waits for the re-lint, and writes
-- what it saw to $PSL_OUT as JSON. Always quits, with the error recorded if one happened.
local out_path = os.getenv('PSL_OUT')
local file = os.getenv('PSL_FILE')
local server = os.getenv('PSL_SERVER')
local rule = os.getenv('PSL_RULE')
local wanted = os.getenv('PSL_ACTION')
local timeout = tonumber(os.getenv('PSL_TIMEOUT') or '20000')

local report = { published_versions = {} }
local last_published = {}

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

-- What Neovim shows (byte columns) next to what the server published (UTF-16 ranges).
local function snapshot(bufnr)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(items, {
      code = code_of(d), lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message,
    })
  end
  local published = {}
  for _, d in ipairs(last_published) do
    table.insert(published, { code = d.code, range = d.range, message = d.message })
  end
  return { shown = items, published = published }
end

local function write_report()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(report))
  f:close()
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  local client_id = vim.lsp.start_client({
    name = 'php-socket-lint',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    -- Answers the server's workspace/configuration requests for the phpSocketLint section.
    settings = { phpSocketLint = { enable = true, run = 'onType' } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        table.insert(report.published_versions, result.version or -1)
        last_published = result.diagnostics
        return publish(e, result, ctx, config)
      end,
    },
  })
  assert(client_id, 'the language server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function find(bufnr_, code)
    for _, d in ipairs(vim.diagnostic.get(bufnr_)) do
      if code_of(d) == code then return d end
    end
  end

  assert(vim.wait(timeout, function() return find(bufnr, rule) ~= nil end, 10), 'no ' .. rule .. ' diagnostic arrived')
  report.before = snapshot(bufnr)

  -- As vim.lsp.buf.code_action() does in 0.7: the line's diagnostics, converted back to LSP.
  local lnum = find(bufnr, rule).lnum
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = lnum, character = 0 }, ['end'] = { line = lnum + 1, character = 0 } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, lnum) },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout)
  local chosen
  report.actions = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(report.actions, action.title)
      local fixes_rule = false
      for _, d in ipairs(action.diagnostics or {}) do
        if d.code == rule then fixes_rule = true end
      end
      local picked = (wanted and action.title == wanted) or (not wanted and action.isPreferred)
      if fixes_rule and picked and action.edit and not chosen then chosen = action end
    end
  end
  assert(chosen, 'no quick fix ' .. (wanted or '(preferred)') .. ' for ' .. rule)
  report.applied = chosen.title
  report.applied_preferred = chosen.isPreferred == true
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  vim.cmd('write')

  -- Wait until the newest buffer version has been published, then read the diagnostics.
  local version = vim.lsp.util.buf_versions[bufnr]
  report.buffer_version = version
  assert(vim.wait(timeout, function()
    return report.published_versions[#report.published_versions] == version
  end, 10), 'no diagnostics for buffer version ' .. tostring(version))
  report.after = snapshot(bufnr)
end)

if not ok then report.error = tostring(err) end
write_report()
vim.cmd('qall!')
