/**
 * The one stylesheet and the one script of the public pages, inlined in every page and allowed
 * by their SHA-256 hashes in the pages' own Content-Security-Policy. Nothing is fetched from
 * anywhere else; the pages also work with JavaScript switched off.
 */
import { createHash } from 'node:crypto';

export const CSS = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
header{position:sticky;top:0;z-index:9;background:#fff;border-bottom:1px solid #888;padding:.4rem 1rem}
.bar{display:flex;align-items:center;gap:.6rem;flex-wrap:wrap}
.exit{display:inline-block;background:#a4001d;color:#fff;font-weight:700;padding:.55rem 1rem;border-radius:.3rem;text-decoration:none}
.bar small{color:#444}
main,footer{max-width:40rem;margin:0 auto;padding:.5rem 1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.6rem 0}
h2{font-size:1.2rem}
.sos{background:#fff4d6;border:2px solid #a4001d;border-radius:.3rem;padding:.3rem .8rem;margin:.4rem 0 0}
.sos p{margin:.2rem 0;font-weight:700}
.sos ul{margin:.2rem 0;padding-left:1.2rem}
.sos a{color:#1a1a1a;font-weight:700}
fieldset{border:1px solid #888;border-radius:.3rem;margin:0 0 1rem;padding:.4rem .9rem .8rem}
legend{font-weight:700;padding:0 .3rem}
label{display:block;margin:.5rem 0 .15rem}
.opt{display:flex;gap:.55rem;align-items:flex-start;margin:.35rem 0}
.opt input{margin:.3rem 0 0;width:1.15rem;height:1.15rem;flex:none}
input[type=text],input[type=tel],textarea,select{display:block;width:100%;font:inherit;padding:.45rem;border:1px solid #555;border-radius:.3rem;background:#fff;color:#1a1a1a}
textarea{min-height:5.5rem}
.row{display:flex;gap:.5rem;align-items:stretch}
.row select{flex:1}
button{font:inherit;font-weight:700;padding:.55rem 1.1rem;border-radius:.3rem;border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer}
.pilih{background:#fff;color:#0b4f8a;padding:.3rem .8rem}
.js .pilih{display:none}
.esc{display:none}.js .esc{display:inline}
.hint{color:#444;margin:.15rem 0}
.err{color:#a4001d;font-weight:700;margin:.15rem 0}
[aria-invalid=true]{border:2px solid #a4001d}
.summary{border:3px solid #a4001d;border-radius:.3rem;padding:.2rem 1rem;margin:.5rem 0 1rem}
.summary a{color:#a4001d;font-weight:700}
.ok{border:3px solid #146c2e;border-radius:.3rem;padding:.3rem 1rem;margin:.5rem 0}
.code{font:700 1.6rem/1.3 ui-monospace,monospace;letter-spacing:.12em;margin:.1rem 0 .6rem}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
a{color:#0b4f8a}
:focus-visible{outline:3px solid #f9a800;outline-offset:2px}
nav a{display:inline-block;margin:0 1rem .3rem 0}
footer{font-size:.9rem;color:#333;border-top:1px solid #888;margin-top:1rem}
dl{margin:.3rem 0}dt{font-weight:700}dd{margin:0 0 .3rem}
.place{border-top:1px solid #ccc;padding:.4rem 0}
[hidden]{display:none!important}`;

/**
 * Quick exit (button, Esc twice), the danger box and the step-by-step region pickers.
 * Leaving: the page is blanked and its history entry replaced by the neutral site. Any page of
 * ours that is left some other way blanks itself as it goes (pagehide), so the browser's
 * back/forward cache keeps nothing readable, and a page shown again from that cache reloads
 * (pageshow): the form comes back empty (autocomplete=off), a receipt comes back spent.
 * A poster's code (`?s=`, decision 034) is taken out of the address bar and the history entry at
 * once: the form carries it in a hidden field, so neither history nor a shared link holds it.
 * A form is sent once: a second tap while the first is on its way (a slow network) does nothing,
 * and the button says it is sending.
 */
export const SCRIPT = `(function(){var d=document,w=window,x=d.getElementById('keluar'),t=0;
function blank(){d.title='';try{d.body.innerHTML='';d.documentElement.style.background='#fff'}catch(_){}}
function out(e){if(e)e.preventDefault();blank();location.replace(x.getAttribute('data-u'))}
x.addEventListener('click',out);
d.addEventListener('keydown',function(e){if(e.key!=='Escape'&&e.key!=='Esc')return;var n=Date.now();if(n-t<2000)out(e);else t=n});
w.addEventListener('pagehide',blank);
d.addEventListener('submit',function(e){var f=e.target,b=e.submitter;if(b&&b.name==='_pilih')return;if(f.getAttribute('data-kirim')){e.preventDefault();return}f.setAttribute('data-kirim','1');if(b&&b.getAttribute('data-busy'))b.textContent=b.getAttribute('data-busy');setTimeout(function(){f.removeAttribute('data-kirim')},20000)});
w.addEventListener('pageshow',function(e){if(e.persisted){blank();location.reload()}});
d.documentElement.className+=' js';
var q=location.search.slice(1).split('&').filter(function(p){return p.split('=')[0]!=='s'}).join('&');if(q!==location.search.slice(1)&&history.replaceState)history.replaceState(null,'',location.pathname+(q?'?'+q:'')+location.hash);
var z=d.getElementById('darurat'),ys=d.querySelectorAll('input[name=dangerNow]');
function sos(){var y=d.querySelector('input[name=dangerNow][value=ya]');if(z&&y)z.hidden=!y.checked}
for(var i=0;i<ys.length;i++)ys[i].addEventListener('change',sos);
function reset(s){if(!s)return;s.innerHTML='';s.appendChild(new Option(s.getAttribute('data-ph0'),''));s.disabled=true;reset(d.getElementById(s.getAttribute('data-child')))}
function load(e){var s=e.target,c=d.getElementById(s.getAttribute('data-child'));reset(c);if(!s.value||!c)return;
fetch('/lapor/wilayah?parent='+encodeURIComponent(s.value),{credentials:'omit'}).then(function(r){return r.json()}).then(function(l){c.innerHTML='';c.appendChild(new Option(c.getAttribute('data-ph'),''));for(var j=0;j<l.length;j++)c.appendChild(new Option(l[j].name,l[j].code));c.disabled=false})}
var ss=d.querySelectorAll('select[data-child]');for(var k=0;k<ss.length;k++)ss[k].addEventListener('change',load)})();`;

const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** The public pages' policy: nothing but this page, its own hashed style and script, and forms to itself. */
export const PORTAL_CSP = [
  "default-src 'none'",
  `style-src ${sha(CSS)}`,
  `script-src ${sha(SCRIPT)}`,
  "connect-src 'self'",
  'img-src data:',
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');
