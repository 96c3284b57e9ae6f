import { NotFoundView } from '../../components/page.tsx';

export default function NotFound() {
  return <NotFoundView />;
}
