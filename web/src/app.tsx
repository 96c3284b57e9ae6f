import { useEffect, useRef, useState } from 'preact/hooks';
import { LocationProvider, lazy, Route, Router, useLocation } from 'preact-iso';
import { roleCan } from '../../src/domain/capabilities.ts';
import type { UserDto } from '../../src/domain/dto.ts';
import { ApiError, call, onUnauthorized } from './api.ts';
import { AccountMenu, LangSelect } from './components/account.tsx';
import { LoadError, Loading, markNavigated } from './components/page.tsx';
import { NotificationBell } from './features/notifications/bell.tsx';
import { langStore, t } from './i18n/index.ts';
import { onSessionChange } from './lib/session-channel.ts';
import { useStore } from './lib/store.ts';
import { userStore } from './lib/taxonomies.ts';

const SignIn = lazy(() => import('./features/auth/SignIn.tsx'));
const Enrol = lazy(() => import('./features/auth/Enrol.tsx'));
const Password = lazy(() => import('./features/auth/Password.tsx'));
const Home = lazy(() => import('./features/home/Home.tsx'));
const CaseList = lazy(() => import('./features/cases/CaseList.tsx'));
const NewCase = lazy(() => import('./features/cases/NewCase.tsx'));
const CasePage = lazy(() => import('./features/cases/CasePage.tsx'));
const Inbox = lazy(() => import('./features/intake/Inbox.tsx'));
const NewIntake = lazy(() => import('./features/intake/NewIntake.tsx'));
const IntakePage = lazy(() => import('./features/intake/IntakePage.tsx'));
const Users = lazy(() => import('./features/admin/Users.tsx'));
const Orgs = lazy(() => import('./features/admin/Orgs.tsx'));
const Orphans = lazy(() => import('./features/admin/Orphans.tsx'));
const Holidays = lazy(() => import('./features/admin/Holidays.tsx'));
const ReportSettings = lazy(() => import('./features/admin/ReportSettings.tsx'));
const Audit = lazy(() => import('./features/audit/Audit.tsx'));
const NotFound = lazy(() => import('./features/misc/NotFound.tsx'));
const Directory = lazy(() => import('./features/directory/Directory.tsx'));
const Agreements = lazy(() => import('./features/directory/Agreements.tsx'));
const Regulations = lazy(() => import('./features/regulations/Regulations.tsx'));
const JoinRequests = lazy(() => import('./features/directory/JoinRequests.tsx'));
const Performance = lazy(() => import('./features/directory/Performance.tsx'));
const SlaSettings = lazy(() => import('./features/directory/SlaSettings.tsx'));
const Notifications = lazy(() => import('./features/notifications/Notifications.tsx'));
const ReferralList = lazy(() => import('./features/referrals/ReferralList.tsx'));
const ReferralPage = lazy(() => import('./features/referrals/ReferralPage.tsx'));
const TransferList = lazy(() => import('./features/transfers/TransferList.tsx'));
const Dashboard = lazy(() => import('./features/dashboard/Dashboard.tsx'));
const Simfoni = lazy(() => import('./features/simfoni/Simfoni.tsx'));
const RadPlans = lazy(() => import('./features/rad/RadPlans.tsx'));
const RadPlan = lazy(() => import('./features/rad/RadPlan.tsx'));
const RadActivity = lazy(() => import('./features/rad/RadActivity.tsx'));
const Training = lazy(() => import('./features/training/Training.tsx'));
const TrainingEvent = lazy(() => import('./features/training/TrainingEvent.tsx'));
const TrainingNeeds = lazy(() => import('./features/training/TrainingNeeds.tsx'));
const Sebaran = lazy(() => import('./features/posters/Sebaran.tsx'));
const Meetings = lazy(() => import('./features/meetings/Meetings.tsx'));
const MeetingPage = lazy(() => import('./features/meetings/MeetingPage.tsx'));
const Followups = lazy(() => import('./features/meetings/Followups.tsx'));
const Prevention = lazy(() => import('./features/prevention/Prevention.tsx'));
const PreventionActivity = lazy(() => import('./features/prevention/ActivityPage.tsx'));
const PreventionCampaigns = lazy(() => import('./features/prevention/Campaigns.tsx'));
const PreventionCoverage = lazy(() => import('./features/prevention/Coverage.tsx'));
const KlaList = lazy(() => import('./features/kla/KlaList.tsx'));
const KlaSet = lazy(() => import('./features/kla/KlaSet.tsx'));
const KlaEvaluation = lazy(() => import('./features/kla/KlaEvaluation.tsx'));

const PUBLIC_PATHS = ['/masuk'];

function Nav({ user }: { user: UserDto }) {
  const { path } = useLocation();
  // partner staff (mitra) work from their referrals: that list is their home
  const items: Array<[string, string]> = user.role === 'mitra' ? [] : [['/', t('nav.home')]];
  if (roleCan(user.role, 'dashboard:read')) items.push(['/dasbor', t('nav.dashboard')]);
  if (roleCan(user.role, 'referral:list')) items.push(['/rujukan', t('nav.referrals')]);
  if (roleCan(user.role, 'intake:triage')) items.push(['/pengaduan', t('nav.intake')]);
  if (roleCan(user.role, 'case:list')) items.push(['/kasus', t('nav.cases')]);
  if (roleCan(user.role, 'case:create')) items.push(['/kasus/baru', t('nav.newCase')]);
  if (roleCan(user.role, 'case:transfer')) items.push(['/pelimpahan', t('nav.transfers')]);
  // every staff role reads the directory of services
  items.push(['/direktori', t('nav.directory')]);
  if (roleCan(user.role, 'performance:read')) items.push(['/direktori/kinerja', t('nav.performance')]);
  if (roleCan(user.role, 'sla:read')) items.push(['/direktori/standar-waktu', t('nav.sla')]);
  if (roleCan(user.role, 'user:manage'))
    items.push(
      ['/admin/pengguna', t('nav.users')],
      ['/admin/lembaga', t('nav.orgs')],
      ['/admin/laporan-tanpa-kotak', t('nav.orphans')],
      ['/admin/hari-libur', t('nav.holidays')],
    );
  if (roleCan(user.role, 'report:settings')) items.push(['/admin/kop-laporan', t('nav.reportSettings')]);
  if (user.role === 'auditor') items.push(['/audit', t('nav.audit')]);
  if (roleCan(user.role, 'simfoni:record')) items.push(['/simfoni', t('nav.simfoni')]);
  // prevention and coordination (issue 12), in the order a Dinas works them
  if (roleCan(user.role, 'coord:read')) items.push(['/pencegahan', t('nav.prevention')]);
  if (roleCan(user.role, 'poster:read')) items.push(['/sebaran', t('nav.posters')]);
  if (roleCan(user.role, 'coord:read')) items.push(['/pelatihan', t('nav.training')]);
  if (roleCan(user.role, 'coord:read')) items.push(['/rapat', t('nav.meetings')]);
  if (roleCan(user.role, 'coord:read')) items.push(['/rad', t('nav.rad')]);
  if (roleCan(user.role, 'coord:read')) items.push(['/regulasi', t('nav.regulations')]);
  // the KLA self-evaluation (issue 13): readers, Gugus Tugas members, and the set's administrator
  if (roleCan(user.role, 'kla:read') || roleCan(user.role, 'coord:read') || roleCan(user.role, 'kla:sets'))
    items.push(['/kla', t('nav.kla')]);
  const current = (href: string) =>
    href === '/'
      ? path === '/'
      : href === '/kasus'
        ? path === '/kasus' || (path.startsWith('/kasus/') && path !== '/kasus/baru')
        : href === '/direktori'
          ? path === '/direktori' ||
            (path.startsWith('/direktori/') && !items.some(([h]) => h !== href && path.startsWith(h)))
          : path.startsWith(href);
  // At narrow widths the list folds behind a "Menu" button (decision 037): a disclosure that
  // closes on navigation (and on a click of the current page's link) and on Escape, which gives
  // focus back to the button. On wide screens the button is hidden by CSS and the list is shown
  // as before, whatever the script does.
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [path]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return;
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <nav class="main-nav" aria-label={t('nav.label')} onKeyDown={onKeyDown}>
      <button
        type="button"
        class="nav-toggle"
        ref={toggle}
        aria-expanded={open}
        aria-controls="main-nav-list"
        onClick={() => setOpen(!open)}
      >
        {t('nav.menu')}
      </button>
      <ul id="main-nav-list" class={open ? 'open' : undefined}>
        {items.map(([href, text]) => (
          <li key={href}>
            <a href={href} aria-current={current(href) ? 'page' : undefined} onClick={() => setOpen(false)}>
              {text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Shell() {
  const user = useStore(userStore);
  // the router caches the page it renders: a language switch remounts the pages so every text is redrawn
  const lang = useStore(langStore);
  const { path, url, route } = useLocation();

  // the session check failed for another reason than "signed out" (server busy, offline): say so
  // and try again, never show the sign-in page to someone whose session is still good
  const [checkFailed, setCheckFailed] = useState<unknown>(null);
  const checkSession = () => {
    setCheckFailed(null);
    call('GET /auth/me', { noAuthRedirect: true }).then(
      (r) => userStore.set(r.user),
      (e) => {
        if (e instanceof ApiError && e.status === 401) userStore.set(null);
        else setCheckFailed(e);
      },
    );
  };
  useEffect(() => {
    onUnauthorized(() => userStore.set(null));
    if (userStore.get() === undefined) checkSession();
    // another tab signed out, or signed in (perhaps as someone else): leave this tab's screens
    return onSessionChange((event) => {
      if (event === 'signed-out') return userStore.set(null);
      // signed in there: the same person keeps this tab as it is; someone else gets it afresh
      const before = userStore.get()?.id;
      call('GET /auth/me', { noAuthRedirect: true }).then(
        (r) => {
          if (r.user.id === before) return;
          userStore.set(r.user);
          route('/', true);
        },
        () => userStore.set(null),
      );
    });
  }, []);
  useEffect(() => {
    if (!checkFailed) return;
    const again = setTimeout(checkSession, 5_000);
    return () => clearTimeout(again);
  }, [checkFailed]);

  useEffect(() => {
    if (user === null && !PUBLIC_PATHS.includes(path)) {
      const next = url === '/' ? '' : `?next=${encodeURIComponent(url)}`;
      route(`/masuk${next}`, true);
    } else if (user?.mfaEnrolmentRequired && path !== '/keamanan/2fa') {
      route('/keamanan/2fa', true);
    }
  }, [user, path]);

  if (user === undefined && !checkFailed) return <Loading />;
  const gated =
    (user === null && !PUBLIC_PATHS.includes(path)) ||
    (user?.mfaEnrolmentRequired && path !== '/keamanan/2fa');

  return (
    <>
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="top">
        <div class="top-row">
          <a class="brand" href="/">
            <img src="/icon.svg" alt="" width="28" height="28" />
            <span>Simpul</span>
          </a>
          {user ? (
            <div class="top-tools">
              {!user.mfaEnrolmentRequired && <NotificationBell />}
              <AccountMenu user={user} />
            </div>
          ) : (
            <LangSelect id="lang-top" />
          )}
        </div>
        {user && !user.mfaEnrolmentRequired && <Nav user={user} />}
      </header>
      <main id="main" tabIndex={-1}>
        {user === undefined ? (
          <LoadError error={checkFailed} onRetry={checkSession} />
        ) : gated ? (
          <Loading />
        ) : (
          <Router key={lang} onRouteChange={markNavigated}>
            <Route path="/masuk" component={SignIn} />
            <Route path="/keamanan/2fa" component={Enrol} />
            <Route path="/akun/kata-sandi" component={Password} />
            <Route path="/" component={Home} />
            <Route path="/kasus" component={CaseList} />
            <Route path="/kasus/baru" component={NewCase} />
            <Route path="/kasus/:id/:tab?" component={CasePage} />
            <Route path="/pengaduan" component={Inbox} />
            <Route path="/pengaduan/baru" component={NewIntake} />
            <Route path="/pengaduan/:id" component={IntakePage} />
            <Route path="/admin/pengguna" component={Users} />
            <Route path="/admin/lembaga" component={Orgs} />
            <Route path="/admin/laporan-tanpa-kotak" component={Orphans} />
            <Route path="/admin/hari-libur" component={Holidays} />
            <Route path="/admin/kop-laporan" component={ReportSettings} />
            <Route path="/direktori" component={Directory} />
            <Route path="/direktori/kerja-sama" component={Agreements} />
            <Route path="/regulasi" component={Regulations} />
            <Route path="/direktori/permohonan" component={JoinRequests} />
            <Route path="/direktori/kinerja" component={Performance} />
            <Route path="/direktori/standar-waktu" component={SlaSettings} />
            <Route path="/audit" component={Audit} />
            <Route path="/notifikasi" component={Notifications} />
            <Route path="/rujukan" component={ReferralList} />
            <Route path="/rujukan/:id" component={ReferralPage} />
            <Route path="/pelimpahan" component={TransferList} />
            <Route path="/dasbor" component={Dashboard} />
            <Route path="/simfoni" component={Simfoni} />
            <Route path="/rad" component={RadPlans} />
            <Route path="/rad/kegiatan/:id" component={RadActivity} />
            <Route path="/rad/:id" component={RadPlan} />
            <Route path="/pelatihan" component={Training} />
            <Route path="/pelatihan/kebutuhan" component={TrainingNeeds} />
            <Route path="/pelatihan/:id" component={TrainingEvent} />
            <Route path="/sebaran" component={Sebaran} />
            <Route path="/rapat" component={Meetings} />
            <Route path="/rapat/tindak-lanjut" component={Followups} />
            <Route path="/rapat/tindak-lanjut/:id" component={Followups} />
            <Route path="/rapat/:id" component={MeetingPage} />
            <Route path="/pencegahan" component={Prevention} />
            <Route path="/pencegahan/kampanye" component={PreventionCampaigns} />
            <Route path="/pencegahan/cakupan" component={PreventionCoverage} />
            <Route path="/pencegahan/:id" component={PreventionActivity} />
            <Route path="/kla" component={KlaList} />
            <Route path="/kla/indikator" component={KlaSet} />
            <Route path="/kla/:id" component={KlaEvaluation} />
            <Route default component={NotFound} />
          </Router>
        )}
      </main>
    </>
  );
}

export function App() {
  return (
    <LocationProvider>
      <Shell />
    </LocationProvider>
  );
}
