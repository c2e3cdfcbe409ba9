/* mineralpacts index: filter and sort the agreements table. Without JavaScript the table is
   complete and the filter form stays hidden. The filters live in the address, so a filtered
   view can be shared or bookmarked: index.html?party=GB&mineral=cobalt&q=battery

   The search box finds what `pacts search` finds: every word must match, and words are compared
   as the index stores them (lower case, accents removed, Porter-stemmed: "earths" is "earth"),
   against the words of each agreement in assets/search.js (window.PACTS_WORDS). */
(function () {
  "use strict";
  var table = document.getElementById("agreements");
  var form = document.getElementById("filters");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("count");
  var fields = ["party", "area", "mineral", "instrument", "year", "status", "q"];
  var index = window.PACTS_WORDS || {};
  var words = {};
  Object.keys(index).forEach(function (id) {
    var set = {};
    index[id].split(" ").forEach(function (w) { set[w] = true; });
    words[id] = set;
  });

  /* The Porter stemmer (M. F. Porter, 1980), as SQLite's FTS5 "porter" tokenizer applies it. */
  var step2 = {ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble",
    alli: "al", entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate",
    alism: "al", iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive",
    biliti: "ble", logi: "log"};
  var step3 = {icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: ""};
  var c = "[^aeiou]", v = "[aeiouy]", C = c + "[^aeiouy]*", V = v + "[aeiou]*";
  var mgr0 = new RegExp("^(" + C + ")?" + V + C);
  var meq1 = new RegExp("^(" + C + ")?" + V + C + "(" + V + ")?$");
  var mgr1 = new RegExp("^(" + C + ")?" + V + C + V + C);
  var sv = new RegExp("^(" + C + ")?" + v);
  var cvc = new RegExp("^" + C + v + "[^aeiouwxy]$");

  function stem(w) {
    var m, base;
    if (w.length < 3 || !/^[a-z]+$/.test(w)) { return w; }
    var firstY = w.charAt(0) === "y";
    if (firstY) { w = "Y" + w.slice(1); }
    if ((m = /^(.+?)(ss|i)es$/.exec(w))) { w = m[1] + m[2]; }
    else if ((m = /^(.+?)([^s])s$/.exec(w))) { w = m[1] + m[2]; }
    if ((m = /^(.+?)eed$/.exec(w))) {
      if (mgr0.test(m[1])) { w = w.slice(0, -1); }
    } else if ((m = /^(.+?)(ed|ing)$/.exec(w)) && sv.test(m[1])) {
      w = m[1];
      if (/(at|bl|iz)$/.test(w)) { w += "e"; }
      else if (/([^aeiouylsz])\1$/.test(w)) { w = w.slice(0, -1); }
      else if (cvc.test(w)) { w += "e"; }
    }
    if ((m = /^(.+?)y$/.exec(w)) && sv.test(m[1])) { w = m[1] + "i"; }
    m = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/.exec(w);
    if (m && mgr0.test(m[1])) { w = m[1] + step2[m[2]]; }
    m = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/.exec(w);
    if (m && mgr0.test(m[1])) { w = m[1] + step3[m[2]]; }
    if ((m = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/.exec(w))) {
      if (mgr1.test(m[1])) { w = m[1]; }
    } else if ((m = /^(.+?)(s|t)(ion)$/.exec(w))) {
      base = m[1] + m[2];
      if (mgr1.test(base)) { w = base; }
    }
    if ((m = /^(.+?)e$/.exec(w))) {
      base = m[1];
      if (mgr1.test(base) || (meq1.test(base) && !cvc.test(base))) { w = base; }
    }
    if (/ll$/.test(w) && mgr1.test(w)) { w = w.slice(0, -1); }
    return firstY ? "y" + w.slice(1) : w;
  }

  /* The words of a query as the index's tokenizer cuts them; a trailing * keeps a prefix. */
  function queryWords(text) {
    var plain = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    return (plain.match(/[\p{L}\p{N}]+\*?/gu) || []).map(function (w) {
      var prefix = w.charAt(w.length - 1) === "*";
      var bare = prefix ? w.slice(0, -1) : w;
      return {word: prefix ? bare : stem(bare), prefix: prefix};
    });
  }

  function matches(id, query) {
    var set = words[id] || {};
    return query.every(function (q) {
      if (!q.prefix) { return set[q.word] === true; }
      return Object.keys(set).some(function (w) { return w.indexOf(q.word) === 0; });
    });
  }

  window.mineralpacts = {stem: stem};  /* the tests compare it with SQLite's */

  function has(row, key, value) { return (row.getAttribute("data-" + key) || "").split(" ").indexOf(value) >= 0; }

  function apply() {
    var want = {};
    fields.forEach(function (f) { want[f] = form.elements[f].value.trim(); });
    var query = queryWords(want.q);
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!want.party || has(row, "party", want.party)) &&
        (!want.area || has(row, "area", want.area)) &&
        (!want.mineral || has(row, "mineral", want.mineral)) &&
        (!want.instrument || row.getAttribute("data-instrument") === want.instrument) &&
        (!want.year || row.getAttribute("data-year") === want.year) &&
        (!want.status || row.getAttribute("data-status") === want.status) &&
        (!query.length || matches(row.getAttribute("data-id"), query));
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " agreements shown.";
    var params = new URLSearchParams();
    fields.forEach(function (f) { if (want[f]) { params.set(f, want[f]); } });
    var search = params.toString();
    var address = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    if (address !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", address);
    }
  }

  var params = new URLSearchParams(window.location.search);
  fields.forEach(function (f) { if (params.get(f)) { form.elements[f].value = params.get(f); } });
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });

  function key(row, col) {
    var cell = row.cells[col];
    var v = cell.getAttribute("data-sort");
    return v !== null ? v : cell.textContent.trim().toLowerCase();
  }

  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = key(a, col), y = key(b, col);
        var nx = Number(x), ny = Number(y);
        var c = (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  apply();
}());
