export { listPeople, getPerson } from './list-people';
export { listPersonPhotos, type PersonPhoto } from './person-photos';
export { listImageFaces } from './image-faces';
export { renamePerson, setPersonHidden, mergePeople, removeFaceFromPerson } from './edit-people';
export { MIN_FACES_PER_PERSON, MAX_PERSON_NAME_LENGTH } from './limits';
export type { PersonSummary, FaceView } from './schemas';
