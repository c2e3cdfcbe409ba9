/* mineralpacts index: filter and sort the agreements table. Without JavaScript the table is
   complete and the filter form stays hidden. Filters can be preset from the address:
   index.html?party=GB&area=investment */
(function () {
  "use strict";
  var table = document.getElementById("agreements");
  var form = document.getElementById("filters");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("count");
  var fields = ["party", "area", "instrument", "year", "status", "q"];

  function words(row, key) { return (row.getAttribute("data-" + key) || "").split(" "); }

  function apply() {
    var want = {};
    fields.forEach(function (f) { want[f] = form.elements[f].value.trim(); });
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!want.party || words(row, "party").indexOf(want.party) >= 0) &&
        (!want.area || words(row, "area").indexOf(want.area) >= 0) &&
        (!want.instrument || row.getAttribute("data-instrument") === want.instrument) &&
        (!want.year || row.getAttribute("data-year") === want.year) &&
        (!want.status || row.getAttribute("data-status") === want.status) &&
        (!want.q || row.getAttribute("data-text").indexOf(want.q.toLowerCase()) >= 0);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " agreements shown.";
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
