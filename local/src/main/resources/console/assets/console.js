// The stock console: a client of the same HTTP API as any other, with a token from the local
// stack's issuer (POST /local/tokens). Plain script, no build step; the chart is uPlot.
'use strict';

(function () {
  const SCOPES = ['inventory:read', 'inventory:write', 'orders:write'];
  const HISTORY_LIMIT = 100;
  const STOCK_PAGE = 50;
  let token = null;
  let selected = null;
  let nextStock = null;
  let chart = null;

  const $ = (id) => document.getElementById(id);

  function status(text, isError) {
    $('status').textContent = text;
    $('status').classList.toggle('error', Boolean(isError));
  }

  async function mint() {
    const answer = await fetch('/local/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sub: 'console', client_id: 'stockroom-console', scopes: SCOPES }),
    });
    if (!answer.ok) {
      throw new Error('the local issuer refused a token: ' + answer.status);
    }
    token = (await answer.json()).access_token;
  }

  /** Calls the API; mints a token first, and again once if the one held has expired. */
  async function api(method, path, body) {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!token) {
        await mint();
      }
      const init = { method, headers: { Authorization: 'Bearer ' + token } };
      if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      const answer = await fetch(path, init);
      if (answer.status === 401 && attempt === 0) {
        token = null;
        continue;
      }
      const text = await answer.text();
      const json = text ? JSON.parse(text) : null;
      if (!answer.ok) {
        const error = json && json.errors && json.errors[0];
        const failure = new Error(error ? error.title + ': ' + error.detail : 'HTTP ' + answer.status);
        failure.status = answer.status;
        throw failure;
      }
      return json;
    }
    throw new Error('the API kept refusing the console\'s token');
  }

  function cell(row, text, numeric) {
    const td = document.createElement('td');
    td.textContent = text === undefined || text === null ? '' : String(text);
    if (numeric) {
      td.className = 'n';
    }
    row.appendChild(td);
    return td;
  }

  function when(timestamp) {
    return new Date(timestamp).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
  }

  function emptyRow(tbody, columns, text) {
    const row = tbody.insertRow();
    const td = cell(row, text);
    td.colSpan = columns;
    td.className = 'empty';
  }

  // Stock list

  function stockRow(stock) {
    const row = document.createElement('tr');
    row.dataset.product = stock.id;
    fillStockRow(row, stock);
    row.addEventListener('click', () => select(stock.id));
    return row;
  }

  function fillStockRow(row, stock) {
    row.replaceChildren();
    cell(row, stock.id);
    cell(row, stock.total, true).dataset.field = 'total';
    cell(row, stock.available, true).dataset.field = 'available';
    cell(row, stock.allocated, true).dataset.field = 'allocated';
    row.classList.toggle('selected', stock.id === selected);
  }

  async function loadStock(more) {
    const tbody = $('stock').tBodies[0];
    const path = more && nextStock ? nextStock : '/v2/inventories?page[limit]=' + STOCK_PAGE;
    const page = await api('GET', path);
    if (!more) {
      tbody.replaceChildren();
    }
    page.data.forEach((stock) => tbody.appendChild(stockRow(stock)));
    if (!tbody.rows.length) {
      emptyRow(tbody, 4, 'No stock yet: create some with POST /v2/inventories/{product_id}.');
    }
    nextStock = page.links && page.links.next;
    $('more-stock').hidden = !nextStock;
  }

  function showLevels(stock) {
    const levels = $('product-levels');
    levels.replaceChildren();
    [['total', stock.total], ['available', stock.available], ['allocated', stock.allocated]].forEach(([name, value], i) => {
      if (i) {
        levels.append(' · ');
      }
      const b = document.createElement('b');
      b.id = 'level-' + name;
      b.textContent = String(value);
      levels.append(name + ' ', b);
    });
    const row = $('stock').querySelector('tr[data-product="' + CSS.escape(stock.id) + '"]');
    if (row) {
      fillStockRow(row, stock);
    } else {
      const tbody = $('stock').tBodies[0];
      if (tbody.querySelector('.empty')) {
        tbody.replaceChildren();
      }
      tbody.appendChild(stockRow(stock));
    }
  }

  // One product: levels, history, chart

  async function select(productId) {
    selected = productId;
    $('product-id').textContent = productId;
    $('move-product').value = productId;
    document.querySelectorAll('#stock tbody tr').forEach((row) => row.classList.toggle('selected', row.dataset.product === productId));
    try {
      const stock = await api('GET', '/v2/inventories/' + encodeURIComponent(productId));
      if (productId !== selected) {
        return; // another product was chosen while this one loaded
      }
      showLevels(stock.data);
      await loadHistory(productId);
      if (productId === selected) {
        status('Showing ' + productId);
      }
    } catch (e) {
      if (productId === selected) {
        status(e.message, true);
      }
    }
  }

  async function loadHistory(productId) {
    const page = await api('GET', '/v2/inventories/' + encodeURIComponent(productId) + '/transactions?page[limit]=' + HISTORY_LIMIT);
    if (productId !== selected) {
      return page.data;
    }
    const tbody = $('history').tBodies[0];
    tbody.replaceChildren();
    page.data.forEach((entry) => {
      const row = tbody.insertRow();
      row.dataset.transaction = entry.id;
      cell(row, when(entry.timestamps.created_at)).className = 'when';
      cell(row, entry.action);
      cell(row, entry.quantity, true);
      cell(row, entry.after.total, true);
      cell(row, entry.after.available, true);
      cell(row, entry.after.allocated, true);
      cell(row, entry.actor.subject);
      cell(row, entry.reason || (entry.order_id ? 'order ' + entry.order_id : ''));
    });
    if (!page.data.length) {
      emptyRow(tbody, 8, 'No history yet: the log fills from the stock table\'s stream within seconds.');
    }
    drawChart(page.data.slice().reverse());
    return page.data;
  }

  /** Stock over time from the log's entries, oldest first: each entry's numbers after it. */
  function drawChart(entries) {
    const times = [];
    const totals = [];
    const available = [];
    const allocated = [];
    entries.forEach((entry) => {
      let t = Date.parse(entry.timestamps.created_at) / 1000;
      if (times.length && t <= times[times.length - 1]) {
        t = times[times.length - 1] + 0.001; // changes within one instant still show in order
      }
      times.push(t);
      totals.push(entry.after.total);
      available.push(entry.after.available);
      allocated.push(entry.after.allocated);
    });
    if (times.length) {
      // Carry the last numbers to now, so the chart reads as stock over time up to this moment.
      times.push(Math.max(Date.now() / 1000, times[times.length - 1] + 1));
      totals.push(totals[totals.length - 1]);
      available.push(available[available.length - 1]);
      allocated.push(allocated[allocated.length - 1]);
    }
    const data = [times, totals, available, allocated];
    const container = $('chart');
    const width = Math.max(320, container.clientWidth || 600);
    if (chart) {
      chart.destroy();
    }
    const stepped = uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined;
    chart = new uPlot({
      width,
      height: 240,
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
      series: [
        {},
        { label: 'total', stroke: '#1d2330', width: 2, paths: stepped },
        { label: 'available', stroke: '#16703b', width: 2, dash: [8, 4], paths: stepped, fill: 'rgba(22,112,59,0.08)' },
        { label: 'allocated', stroke: '#c46a00', width: 2, paths: stepped },
      ],
      axes: [{}, { label: 'units' }],
    }, data, container);
    window.stockChart = chart;
  }

  // Moving stock

  async function move(event) {
    event.preventDefault();
    const result = $('move-result');
    const productId = $('move-product').value.trim();
    const body = {
      data: {
        type: 'stock-transaction',
        action: $('move-action').value,
        quantity: Number($('move-quantity').value),
      },
    };
    const reason = $('move-reason').value.trim();
    if (reason) {
      body.data.reason = reason;
    }
    result.className = '';
    result.textContent = 'Moving…';
    $('move-submit').disabled = true;
    try {
      const answer = await api('POST', '/v2/inventories/' + encodeURIComponent(productId) + '/transactions', body);
      const txn = answer.data;
      result.className = 'ok';
      result.textContent = txn.action + ' ' + txn.quantity + ' done';
      if (productId !== selected) {
        await select(productId);
      } else {
        const stock = await api('GET', '/v2/inventories/' + encodeURIComponent(productId));
        showLevels(stock.data);
      }
      await awaitInHistory(productId, txn.id);
    } catch (e) {
      result.className = 'error';
      result.textContent = e.message;
    } finally {
      $('move-submit').disabled = false;
    }
  }

  /** The log is fed by the stream: reads it again until the transaction shows (a few seconds at most). */
  async function awaitInHistory(productId, transactionId) {
    for (let i = 0; i < 40 && productId === selected; i++) {
      const entries = await loadHistory(productId);
      if (entries.some((entry) => entry.id === transactionId)) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  // Orders awaiting payment

  async function loadOrders() {
    const tbody = $('orders').tBodies[0];
    const page = await api('GET', '/v2/orders?filter=' + encodeURIComponent('eq(status,processing)') + '&page[limit]=50');
    tbody.replaceChildren();
    page.data.forEach((order) => {
      const row = tbody.insertRow();
      row.dataset.order = order.id;
      cell(row, order.id);
      cell(row, order.items.map((item) => item.quantity + ' × ' + item.product_id).join(', '));
      cell(row, order.customer && (order.customer.name || order.customer.email));
      cell(row, when(order.timestamps.updated_at)).className = 'when';
    });
    if (!page.data.length) {
      emptyRow(tbody, 4, 'No order is waiting for its payment\'s result.');
    }
  }

  async function refreshAll() {
    try {
      await Promise.all([loadStock(false), loadOrders()]);
      if (selected) {
        await select(selected);
      }
      status('Up to date at ' + new Date().toLocaleTimeString());
    } catch (e) {
      status(e.message, true);
    }
  }

  $('move').addEventListener('submit', move);
  $('refresh').addEventListener('click', refreshAll);
  $('refresh-orders').addEventListener('click', () => loadOrders().catch((e) => status(e.message, true)));
  $('more-stock').addEventListener('click', () => loadStock(true).catch((e) => status(e.message, true)));

  (async function start() {
    await refreshAll();
    const wanted = new URLSearchParams(location.search).get('product');
    const first = $('stock').querySelector('tbody tr[data-product]');
    if (wanted) {
      await select(wanted);
    } else if (first) {
      await select(first.dataset.product);
    }
    document.body.dataset.ready = 'true';
  })();
})();
