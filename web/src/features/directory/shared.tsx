import './words.ts';
import type { ComponentChildren } from 'preact';
import { PageHeading } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';

/** The top of a page under the directory: the way back to it, the heading and any buttons beside it. */
export function DirectoryPageHead({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <>
      <p>
        <a href="/direktori">← {t('dir.title')}</a>
      </p>
      <div class="page-head">
        <PageHeading title={title}>{title}</PageHeading>
        {children}
      </div>
    </>
  );
}
