import Foundation
import NOFReports

/// The site's two shared files: the style sheet (the report pages' styles, plus the site's
/// header, navigation, focus and download styles) and one plain script that adds what reads
/// fine without it: sort buttons on tables and search as you type. No library, no network.
enum SiteAssets {
    static var stylesheet: String { HTMLReport.stylesheet + "\n" + siteStyle }

    static let siteStyle = """
        body{margin:0 auto;padding:0 2rem 2rem}
        a{color:#005eb8}a:visited{color:#4c2a85}
        a:hover{color:#7c2855}
        a:focus,button:focus,input:focus{outline:3px solid #212b32;outline-offset:2px;background:#ffeb3b;color:#212b32;box-shadow:0 0 0 2px #ffeb3b}
        .skip-link{position:absolute;left:-9999px;top:.5rem;padding:.5rem .8rem;background:#fff;z-index:10}
        .skip-link:focus{left:.5rem}
        .site-header{border-bottom:4px solid #005eb8;padding:.6rem 0 .2rem;margin-bottom:.6rem}
        .brand{margin:0 0 .3rem;font-weight:700;font-size:1.15rem}
        .brand a{color:#212b32;text-decoration:none}
        .site-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.2rem 1.1rem;padding:0;margin:.2rem 0}
        .site-nav a[aria-current]{font-weight:700;color:#212b32}
        .breadcrumbs ol{list-style:none;display:flex;flex-wrap:wrap;padding:0;margin:.4rem 0;font-size:.9rem}
        .breadcrumbs li+li::before{content:"›";padding:0 .45rem;color:#4c6272}
        .data-date{color:#4c6272;margin:.1rem 0 .8rem}
        .lead{font-size:1.05rem;max-width:48rem}
        .prose{max-width:48rem}
        .downloads{font-size:.85rem;margin:.2rem 0 .8rem;color:#4c6272}
        .downloads a{margin-right:.2rem}
        table[data-sortable] th button{font:inherit;font-weight:700;background:none;border:0;padding:0;margin:0;cursor:pointer;color:#005eb8;text-align:inherit;text-decoration:underline}
        table[data-sortable] th[aria-sort] button{color:#212b32}
        table[data-sortable] th[aria-sort=ascending] button::after{content:" ▲"}
        table[data-sortable] th[aria-sort=descending] button::after{content:" ▼"}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.6rem 0 1rem}
        dl.facts dt{font-weight:600}dl.facts dd{margin:0}
        .flags{border-left:6px solid #a66e00;background:#fdf6e3;padding:.4rem .8rem;margin:.6rem 0}
        .flags h2{font-size:1rem;margin:.2rem 0}
        .search{margin:.8rem 0 1.2rem}
        .search label{display:block;font-weight:600;margin-bottom:.3rem}
        .search input{font:inherit;padding:.35rem .5rem;border:2px solid #212b32;width:min(24rem,100%);box-sizing:border-box}
        .search button{font:inherit;padding:.35rem .8rem;border:2px solid #005eb8;background:#005eb8;color:#fff;margin-left:.3rem;cursor:pointer}
        .search-status{color:#4c6272;font-size:.9rem;margin:.4rem 0}
        ul.search-results{padding-left:1.2rem;margin:.3rem 0}
        ul.links{padding-left:1.2rem}ul.links li{margin:.25rem 0}
        .az-letters{display:flex;flex-wrap:wrap;gap:.3rem .7rem;list-style:none;padding:0;margin:.6rem 0}
        .az-list{columns:2 22rem;padding-left:1.2rem}.az-list li{break-inside:avoid;margin:.15rem 0}
        .az-group h2{margin-top:1.2rem}
        .org-meta{color:#4c6272;font-size:.9rem}
        td.long{min-width:min(12rem,70vw);overflow-wrap:anywhere}
        @media (max-width:1400px){table:has(thead th:nth-child(12)) .wide-col{display:none}
          table:has(thead th:nth-child(12)) :is(th,td){padding:.3rem .45rem}}
        .site-footer{border-top:1px solid #d8dde0;margin-top:2.5rem;padding-top:.6rem;color:#4c6272;font-size:.85rem}
        @media (max-width:600px){body{padding:0 .8rem 1rem}dl.facts{grid-template-columns:minmax(5.5rem,max-content) 1fr;gap:.2rem .6rem}
          .wide-col{display:none}
          .table-wrap th:first-child,.table-wrap td:first-child{position:sticky;left:0;z-index:1;min-width:7rem;max-width:9.5rem;box-shadow:2px 0 0 #d8dde0}
          .table-wrap td.long:first-child{min-width:7rem}
          .table-wrap th:first-child{background:#f0f4f5}.table-wrap td:first-child{background:#fff}
          .table-wrap tr:nth-child(even) td:first-child{background:#fafbfb}
          .table-wrap tr.seg1 td:first-child{background:#e8f1f8}.table-wrap tr.seg4 td:first-child{background:#fbeee6}}
        """

    static let script = #"""
        // nofdb site: sort buttons on tables marked data-sortable, and search as you type.
        // Everything here is an addition: the tables and the A-Z list read the same without it.
        (function () {
          'use strict';
          function key(cell) {
            var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
            return raw;
          }
          function isNumber(text) { return /^-?\d+(\.\d+)?$/.test(text); }
          function sortTable(table, column, th) {
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            var ascending = th.getAttribute('aria-sort') !== 'ascending';
            var keys = rows.map(function (row) { return key(row.cells[column]); });
            var numeric = keys.every(function (k) { return k === '' || isNumber(k); });
            var order = rows.map(function (row, i) { return i; });
            order.sort(function (a, b) {
              var x = keys[a], y = keys[b];
              if (x === '' || y === '') { return x === y ? a - b : (x === '' ? 1 : -1); }
              var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, 'en', {numeric: true});
              if (c === 0) { return a - b; }
              return ascending ? c : -c;
            });
            order.forEach(function (i) { body.appendChild(rows[i]); });
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute('aria-sort'); });
            th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
            var status = table.parentNode.parentNode.querySelector('.sort-status');
            if (status) { status.textContent = 'Sorted by ' + th.textContent.replace(/[▲▼]/g, '').trim() + (ascending ? ', ascending.' : ', descending.'); }
          }
          Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), function (table) {
            if (!table.tHead || !table.tBodies.length) { return; }
            var status = document.createElement('p');
            status.className = 'sort-status visually-hidden';
            status.setAttribute('aria-live', 'polite');
            table.parentNode.parentNode.insertBefore(status, table.parentNode.nextSibling);
            Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
              var button = document.createElement('button');
              button.type = 'button';
              while (th.firstChild) { button.appendChild(th.firstChild); }
              th.appendChild(button);
              button.addEventListener('click', function () { sortTable(table, column, th); });
            });
          });

          // Search: every word typed must begin a word of the name, or the code.
          var input = document.getElementById('org-search');
          var index = window.nofdbSearch;
          if (!input || !index) { return; }
          var form = input.form;
          var root = form.getAttribute('data-root') || '';
          var results = document.getElementById('search-results');
          var status = document.getElementById('search-status');
          index.forEach(function (entry) {
            entry.words = (entry.n + ' ' + entry.c).toLowerCase().split(/[^a-z0-9&']+/).filter(Boolean);
          });
          function matches(query) {
            var words = query.toLowerCase().split(/[^a-z0-9&']+/).filter(Boolean);
            if (!words.length) { return []; }
            return index.filter(function (entry) {
              return words.every(function (w) {
                return entry.c.toLowerCase() === w || entry.words.some(function (x) { return x.indexOf(w) === 0; });
              });
            });
          }
          function show() {
            var query = input.value;
            var found = matches(query);
            results.textContent = '';
            found.slice(0, 50).forEach(function (entry) {
              var li = document.createElement('li');
              var a = document.createElement('a');
              a.href = root + entry.u;
              a.textContent = entry.n + ' (' + entry.c + ')';
              li.appendChild(a);
              if (entry.t) { li.appendChild(document.createTextNode(' – ' + entry.t)); }
              results.appendChild(li);
            });
            if (!query.trim()) { status.textContent = ''; return; }
            status.textContent = found.length === 0 ? 'No organisation matches “' + query + '”.'
              : found.length === 1 ? '1 organisation matches.'
              : found.length + ' organisations match' + (found.length > 50 ? '; the first 50 are shown.' : '.');
          }
          input.addEventListener('input', show);
          form.addEventListener('submit', function (event) { event.preventDefault(); show(); });
          var asked = new URLSearchParams(window.location.search).get('q');
          if (asked) { input.value = asked; show(); }
        })();
        """#
}
