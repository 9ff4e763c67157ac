import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AnalyzeButton } from '@/components/analyze-button';
import { AutoRefresh } from '@/components/auto-refresh';
import { CheckNotes } from '@/components/check-notes';
import { Checklist } from '@/components/checklist';
import { FaceOverlay } from '@/components/face-overlay';
import { ReadyPhotoPanel } from '@/components/ready-photo/ready-photo-panel';
import { ScoreDial } from '@/components/score-dial';
import { pageUser } from '@/adapters/current-user';
import { getProfileAnalysis } from '@/lib/profile-check/get-profile-analysis';
import { isCounted } from '@/lib/profile-check/schemas';
import { getImage, photoView } from '@/lib/images';
import { getReadyPhoto } from '@/lib/linkedin-ready/get-ready-photo';
import { formatBytes } from '@/lib/images/format-bytes';
import { verdictOf } from '@/lib/profile-check/verdict';

export const metadata = { title: 'LinkedIn check' };

export default async function AnalysisPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await pageUser();
  const [image, analysis, ready] = await Promise.all([getImage(user.id, id), getProfileAnalysis(user.id, id), getReadyPhoto(user.id, id)]);
  if (!image) notFound();
  const photo = photoView(image);
  const inFlight = analysis?.status === 'pending' || analysis?.status === 'running';
  const report = analysis?.status === 'ready' ? analysis.report : null;
  const faceCount = report?.faces.length ?? 0;
  const people = report?.faces.filter(isCounted).length ?? 0;
  const readyInFlight = ready?.status === 'queued' || ready?.status === 'running';

  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/images/${image.imageId}`} className="text-sm text-link underline">
          ← {image.fileName}
        </Link>
        <h1 className="text-2xl font-semibold">LinkedIn profile photo check</h1>
        {analysis && !inFlight ? (
          <div className="ml-auto">
            <AnalyzeButton imageId={image.imageId} label={analysis.status === 'failed' ? 'Retry' : 'Analyse again'} />
          </div>
        ) : null}
      </div>

      {!analysis ? (
        <div className="flex flex-col items-start gap-3 rounded-xl border border-slate-200 bg-white p-6">
          <p>Find out how this photo works as a profile picture: face size, framing, pose, eyes, smile, light and sharpness.</p>
          <AnalyzeButton imageId={image.imageId} label="Analyse this photo" />
        </div>
      ) : null}
      {inFlight ? (
        <p className="rounded-xl border border-sky-200 bg-sky-50 p-6 text-sky-900" data-testid="analysis-status">
          Analysing the photo…
        </p>
      ) : null}
      {analysis?.status === 'failed' ? (
        <p role="alert" className="rounded-xl border border-red-200 bg-red-50 p-6 text-red-800">
          {analysis.failureReason ?? 'The analysis failed.'}
        </p>
      ) : null}

      {report && photo ? (
        <div className="grid gap-8 lg:grid-cols-[3fr_2fr]">
          <div className="flex flex-col gap-3">
            <FaceOverlay photo={photo} alt={image.fileName} faces={report.faces} />
            <p className="text-sm text-slate-600" data-testid="face-count">
              {faceCount === 0
                ? 'No face found. Choose a photo where your face is clearly visible.'
                : faceCount === 1
                  ? 'One face found.'
                  : people === 1
                    ? `${faceCount} faces found; only yours counts (the others are in the notes).`
                    : `${faceCount} faces found, ${people} people in the picture. A profile photo should show only you; the largest face was scored.`}
            </p>
          </div>
          <div className="flex flex-col gap-6">
            <ScoreDial score={report.score} verdict={verdictOf(report)} />
            <Checklist checks={report.checks} />
            <CheckNotes notes={report.notes} />
          </div>
        </div>
      ) : null}

      {analysis?.status === 'ready' && analysis.crop ? (
        <section className="flex flex-col gap-3" aria-label="LinkedIn crop">
          <h2 className="text-lg font-semibold">Ready-made crop</h2>
          {analysis.crop.status === 'ok' && analysis.crop.files.length > 0 ? (
            <div className="flex flex-wrap items-end gap-6">
              {/* eslint-disable-next-line @next/next/no-img-element -- the crop itself, presigned */}
              <img src={analysis.crop.files[0]!.url} alt="Face-centred square crop" width={200} height={200} className="rounded-full border border-slate-200" data-testid="crop-preview" />
              <ul className="flex flex-col gap-2">
                {analysis.crop.files.map((file) => (
                  <li key={file.size}>
                    <a href={file.downloadUrl} className="rounded-md bg-brand-500 px-4 py-2 text-sm font-medium text-on-brand hover:bg-brand-600">
                      Download {file.width}×{file.height} ({formatBytes(file.bytes)})
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="text-slate-600" data-testid="crop-message">
              {analysis.crop.status === 'too-small' ? analysis.crop.message : 'No crop: no face to centre on.'}
            </p>
          )}
        </section>
      ) : null}
      {report && report.faces.length > 0 ? <ReadyPhotoPanel imageId={image.imageId} fileName={image.fileName} photo={photo} ready={ready} /> : null}
      <AutoRefresh active={inFlight || readyInFlight} />
    </div>
  );
}
