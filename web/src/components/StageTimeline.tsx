import { useTranslation } from 'react-i18next';
import { contractStages, isMerchantStage, type Application } from '../contract.ts';

/**
 * The nine contract stages in order: what happened when (the timeline's stage events), what is
 * going on now, and when the next ones are expected (Korean business days, from the server).
 */
export function StageTimeline({ application }: { application: Application }) {
  const { t } = useTranslation();
  const current = contractStages.indexOf(application.stage);
  return (
    <ol className="timeline" aria-label={t('application.timeline')}>
      {contractStages.map((stage, index) => {
        const state = index < current || (index === current && stage === 'LIVE') ? 'done' : index === current ? 'current' : 'upcoming';
        const event = [...application.timeline].reverse().find((e) => e.kind === 'STAGE' && e.stage === stage);
        const expected = application.expectedDates[stage];
        const reviewEnd = stage === 'CARD_REVIEW' ? application.expectedDates.CARD_REVIEW_END : undefined;
        return (
          <li key={stage} className={`stage ${state}`} aria-current={state === 'current' ? 'step' : undefined} data-stage={stage}>
            <span className="marker" aria-hidden="true">
              {state === 'done' ? '✓' : index + 1}
            </span>
            <div className="stage-body">
              <div className="stage-title">
                <strong>{t(`stages.${stage}`)}</strong>
                <span className={`badge ${state === 'done' ? 'live' : state === 'current' ? '' : 'muted-badge'}`}>{t(`application.${state}`)}</span>
              </div>
              <div className="stage-dates">
                {event && <span>{t(state === 'current' ? 'application.started' : 'application.happened', { date: event.date })}</span>}
                {!event && expected && <span className="muted">{t('application.expected', { date: expected })}</span>}
                {reviewEnd && state !== 'done' && <span className="muted">{t('application.reviewEnd', { date: reviewEnd })}</span>}
                {state === 'upcoming' && (
                  <span className="muted">{isMerchantStage(stage) ? t('application.movedByMerchant') : t('application.movedByOperator')}</span>
                )}
              </div>
              <small className="hint">{t(`stageNotes.${stage}`)}</small>
              {event?.note && <small className="stage-note">{t('application.note', { note: event.note })}</small>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
