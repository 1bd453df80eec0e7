// Top-bar menus are <details> (they work without JavaScript); this only closes an open one on a click elsewhere or Escape.
(() => {
  const close = except => document.querySelectorAll('header nav details.menu[open]').forEach(d => { if (d !== except) d.open = false; });
  document.addEventListener('click', e => close(e.target.closest ? e.target.closest('header nav details.menu') : null));
  document.addEventListener('keydown', e => { if (e.key === 'Escape') close(null); });
})();
